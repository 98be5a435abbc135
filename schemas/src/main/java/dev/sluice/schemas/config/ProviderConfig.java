package dev.sluice.schemas.config;

import java.util.List;
import java.util.Map;

/**
 * One provider account.
 *
 * @param type {@code openai}, {@code openai-compatible} or {@code anthropic}
 * @param baseUrl API base including the version, e.g. {@code https://api.openai.com/v1}
 * @param apiKeyEnv the environment variable holding the API key, for a provider with one key;
 *     null for servers that need none or when {@code keys} is given
 * @param rpm with {@code api_key_env}: that key's requests per minute, or null
 * @param tpm with {@code api_key_env}: that key's tokens per minute, or null
 * @param keys a pool of keys with weights and limits; exclusive with {@code api_key_env}
 * @param region data-residency region, e.g. {@code us}, {@code eu}
 * @param timeoutMs per-call timeout
 * @param resilience retry, circuit breaker, rate limiter and bulkhead settings
 * @param models model name to prices
 */
public record ProviderConfig(
    String type, String baseUrl, String apiKeyEnv, Integer rpm, Integer tpm, List<ProviderKeyConfig> keys,
    String region, Long timeoutMs, ResilienceConfig resilience, Map<String, ModelConfig> models) {
  /** The values {@code type} may take. */
  public static final List<String> TYPES = List.of("openai", "openai-compatible", "anthropic");
  public static final long DEFAULT_TIMEOUT_MS = 60_000;

  public ProviderConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
    timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
    models = models == null ? Map.of() : Map.copyOf(models);
  }

  /** The key pool: {@code keys}, or the one key {@value ProviderKeyConfig#DEFAULT_ID} made of {@code api_key_env}, {@code rpm}, {@code tpm}. */
  public List<ProviderKeyConfig> keyPool() {
    return keys.isEmpty() ? List.of(new ProviderKeyConfig(ProviderKeyConfig.DEFAULT_ID, apiKeyEnv, 1, rpm, tpm)) : keys;
  }
}
