package dev.sluice.schemas.config;

import java.util.List;
import java.util.Map;

/**
 * One provider account.
 *
 * @param type {@code openai}, {@code openai-compatible} or {@code anthropic}
 * @param baseUrl API base including the version, e.g. {@code https://api.openai.com/v1}
 * @param apiKeyEnv the environment variable holding the API key; null for servers that need none
 * @param region data-residency region, e.g. {@code us}, {@code eu}
 * @param timeoutMs per-call timeout
 * @param models model name to prices
 */
public record ProviderConfig(
    String type, String baseUrl, String apiKeyEnv, String region, Long timeoutMs, Map<String, ModelConfig> models) {
  /** The values {@code type} may take. */
  public static final List<String> TYPES = List.of("openai", "openai-compatible", "anthropic");
  public static final long DEFAULT_TIMEOUT_MS = 60_000;

  public ProviderConfig {
    timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    models = models == null ? Map.of() : Map.copyOf(models);
  }
}
