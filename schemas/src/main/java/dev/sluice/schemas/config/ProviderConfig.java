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
 * @param batchApi whether deferred requests may go to this provider's batch API; by default
 *     yes for types {@code openai} and {@code anthropic}, which have one
 */
public record ProviderConfig(
    String type, String baseUrl, String apiKeyEnv, Integer rpm, Integer tpm, List<ProviderKeyConfig> keys,
    String region, Long timeoutMs, ResilienceConfig resilience, Map<String, ModelConfig> models, Boolean batchApi) {
  /** The values {@code type} may take. */
  public static final List<String> TYPES = List.of("openai", "openai-compatible", "anthropic");
  public static final long DEFAULT_TIMEOUT_MS = 60_000;
  /** The types whose providers have a batch API. */
  public static final List<String> BATCH_API_TYPES = List.of("openai", "anthropic");

  public ProviderConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
    timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
    models = models == null ? Map.of() : Map.copyOf(models);
    batchApi = batchApi != null ? batchApi : BATCH_API_TYPES.contains(type);
  }

  /** The key pool: {@code keys}, or the one key {@value ProviderKeyConfig#DEFAULT_ID} made of {@code api_key_env}, {@code rpm}, {@code tpm}. */
  public List<ProviderKeyConfig> keyPool() {
    return keys.isEmpty() ? List.of(new ProviderKeyConfig(ProviderKeyConfig.DEFAULT_ID, apiKeyEnv, 1, rpm, tpm)) : keys;
  }
}
