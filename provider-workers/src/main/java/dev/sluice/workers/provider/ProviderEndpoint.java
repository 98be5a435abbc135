package dev.sluice.workers.provider;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and how to reach one provider key.
 *
 * <p>The base URL includes the API version segment and adapters append only the endpoint path:
 * {@code https://api.openai.com/v1} (+ {@code /chat/completions}), {@code http://localhost:11434/v1}
 * for an OpenAI-compatible server, {@code https://api.anthropic.com/v1} (+ {@code /messages}).
 *
 * @param type    provider type, one of {@link ProviderAdapterFactory#SUPPORTED_TYPES}
 * @param baseUrl http(s) URL up to and including the version segment; a trailing slash is dropped
 * @param apiKey  the provider key, or null for local servers that need none; surrounding whitespace
 *                (a trailing newline from a secret file) is dropped; never printed
 * @param timeout limit for the whole call, from connecting to reading the last body byte
 */
public record ProviderEndpoint(String type, String baseUrl, String apiKey, Duration timeout) {

  public ProviderEndpoint {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    if (HttpUrl.parse(baseUrl) == null) {
      throw new IllegalArgumentException("baseUrl must be an http or https URL, but was " + baseUrl);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    // OkHttp's own error for a bad header value would print it (x-api-key is not on its redaction list).
    if (apiKey != null && !apiKey.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException("apiKey of the " + type
          + " endpoint must be printable ASCII without spaces; the value is not shown");
    }
  }

  /** True when requests carry a key. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** Resolves {@code path} (starting with '/') against the base URL. */
  public HttpUrl url(String path) {
    return HttpUrl.get(baseUrl + path);
  }

  @Override
  public String toString() {
    return "ProviderEndpoint[type=" + type + ", baseUrl=" + baseUrl
        + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>") + ", timeout=" + timeout + "]";
  }
}
