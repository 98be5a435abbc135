package dev.sluice.workers.provider.anthropic;

import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderAdapter;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.internal.ProviderHttp;
import dev.sluice.workers.provider.internal.SecretScrubber;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Anthropic Messages API. The endpoint's base URL ends with the version segment, like OpenAI's:
 * {@code https://api.anthropic.com/v1}. A call without {@code maxTokens} is sent with
 * {@value AnthropicRequestMapper#DEFAULT_MAX_TOKENS}, since the API requires a limit.
 */
public final class AnthropicMessagesAdapter implements ProviderAdapter {

  /** The API version we speak; its request and response shapes are what the mappers implement. */
  public static final String API_VERSION = "2023-06-01";

  private final HttpUrl messagesUrl;
  private final Headers headers;
  private final ProviderHttp http;

  /**
   * @param client a client whose timeouts suit this endpoint (see {@code HttpClients.forEndpoint})
   * @param clock  reads {@code Retry-After} dates and rate-limit resets against it
   */
  public AnthropicMessagesAdapter(OkHttpClient client, ProviderEndpoint endpoint, Clock clock) {
    this.messagesUrl = endpoint.url("/messages");
    this.headers = headers(endpoint);
    this.http = http(client, endpoint, clock);
  }

  /** The headers every Anthropic call carries: the API version and, when there is one, the key. */
  static Headers headers(ProviderEndpoint endpoint) {
    Headers.Builder builder = new Headers.Builder().add("anthropic-version", API_VERSION);
    if (endpoint.hasApiKey()) {
      builder.add("x-api-key", endpoint.apiKey());
    }
    return builder.build();
  }

  /** The transport for Anthropic calls: its error bodies read, the endpoint's key scrubbed from messages. */
  static ProviderHttp http(OkHttpClient client, ProviderEndpoint endpoint, Clock clock) {
    return new ProviderHttp(client, AnthropicResponseMapper::readError, new SecretScrubber(endpoint.apiKey()), clock);
  }

  // https://docs.anthropic.com/en/api/messages
  @Override
  public CompletableFuture<ChatCompletion> complete(ChatCall call) {
    return http.postJson(messagesUrl, headers, AnthropicRequestMapper.toBody(call),
        AnthropicResponseMapper::toCompletion);
  }
}
