package dev.sluice.schemas.config;

/**
 * One API key of a provider's key pool. Only the name of the environment variable holding the
 * key is configured, never the key.
 *
 * @param id the key's public id (in attempts, health records and metrics)
 * @param apiKeyEnv the environment variable holding the key; null for servers that need none
 * @param weight share of traffic relative to the pool's other keys (default 1)
 * @param rpm requests per minute this key may send, or null for no local limit
 * @param tpm tokens per minute (estimated input plus {@code max_tokens}), or null for no local limit
 */
public record ProviderKeyConfig(String id, String apiKeyEnv, Integer weight, Integer rpm, Integer tpm) {
  /** The id of the key a provider configured with a plain {@code api_key_env} gets. */
  public static final String DEFAULT_ID = "default";

  public ProviderKeyConfig {
    weight = weight == null ? 1 : weight;
  }
}
