package dev.sluice.workers.dispatch;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.ProviderConfig;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.provider.ProviderAdapter;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.provider.ProviderEndpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Every configured provider's adapter and prices, built once at start. */
public final class ProviderRegistry {
  private final Map<String, ProviderAdapter> adapters = new HashMap<>();
  private final GatewayConfig config;

  /**
   * @throws IllegalStateException naming the provider and variable when a configured API-key
   *     environment variable is not set
   */
  public ProviderRegistry(GatewayConfig config, ProviderSecrets secrets, ProviderAdapterFactory factory) {
    this.config = config;
    for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
      ProviderConfig provider = entry.getValue();
      String apiKey = null;
      if (provider.apiKeyEnv() != null) {
        apiKey = secrets.lookup(provider.apiKeyEnv());
        if (apiKey == null || apiKey.isBlank()) {
          throw new IllegalStateException("provider '" + entry.getKey() + "' needs its API key in the environment variable "
              + provider.apiKeyEnv() + ", which is not set");
        }
      }
      ProviderEndpoint endpoint = new ProviderEndpoint(
          provider.type(), provider.baseUrl(), apiKey, Duration.ofMillis(provider.timeoutMs()));
      adapters.put(entry.getKey(), factory.create(endpoint));
    }
  }

  /** @throws IllegalArgumentException for a provider that is not configured */
  public ProviderAdapter adapter(String providerId) {
    ProviderAdapter adapter = adapters.get(providerId);
    if (adapter == null) {
      throw new IllegalArgumentException("provider '" + providerId + "' is not configured (known: " + adapters.keySet() + ")");
    }
    return adapter;
  }

  /** @throws IllegalArgumentException for a model that is not configured */
  public Prices prices(String providerId, String model) {
    return config.model(providerId, model)
        .orElseThrow(() -> new IllegalArgumentException("model '" + model + "' of provider '" + providerId + "' is not configured"))
        .prices();
  }
}
