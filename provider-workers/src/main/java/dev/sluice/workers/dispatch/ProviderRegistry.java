package dev.sluice.workers.dispatch;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.workers.batch.KeyBatchApi;
import dev.sluice.schemas.config.ProviderConfig;
import dev.sluice.schemas.config.ProviderKeyConfig;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.resilience.KeyAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every configured provider's key pool (one adapter per key, each with its own API key) and prices, built once at start. */
public final class ProviderRegistry {
  private final Map<String, List<KeyAdapter>> pools = new TreeMap<>();
  private final Map<String, KeyBatchApi> batchApis = new TreeMap<>();
  /** By {@code provider/model}: made once, as every settlement reads them. */
  private final Map<String, Prices> realtimePrices = new HashMap<>();
  private final Map<String, Prices> batchPrices = new HashMap<>();
  private final GatewayConfig config;

  /**
   * @throws IllegalStateException naming the provider, key id and variable when a configured
   *     API-key environment variable is not set
   */
  public ProviderRegistry(GatewayConfig config, ProviderSecrets secrets, ProviderAdapterFactory factory) {
    this.config = config;
    for (Map.Entry<String, ProviderConfig> entry : new TreeMap<>(config.providers()).entrySet()) {
      ProviderConfig provider = entry.getValue();
      List<KeyAdapter> pool = new ArrayList<>();
      for (ProviderKeyConfig key : provider.keyPool()) {
        ProviderEndpoint endpoint = new ProviderEndpoint(provider.type(), provider.baseUrl(),
            apiKey(entry.getKey(), key, secrets), Duration.ofMillis(provider.timeoutMs()));
        pool.add(new KeyAdapter(key, factory.create(endpoint)));
        if (pool.size() == 1 && provider.batchApi()) {
          factory.createBatchApi(endpoint).ifPresent(api -> batchApis.put(entry.getKey(), new KeyBatchApi(key.id(), api)));
        }
      }
      pools.put(entry.getKey(), List.copyOf(pool));
      provider.models().forEach((model, prices) -> {
        realtimePrices.put(entry.getKey() + "/" + model, prices.prices());
        batchPrices.put(entry.getKey() + "/" + model, prices.batchPrices());
      });
    }
  }

  private static String apiKey(String providerId, ProviderKeyConfig key, ProviderSecrets secrets) {
    if (key.apiKeyEnv() == null) {
      return null;
    }
    String apiKey = secrets.lookup(key.apiKeyEnv());
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalStateException("provider '" + providerId + "' key '" + key.id()
          + "' needs its API key in the environment variable " + key.apiKeyEnv() + ", which is not set");
    }
    return apiKey;
  }

  /**
   * One adapter per key of the provider's pool, in the pool's order.
   *
   * @throws IllegalArgumentException for a provider that is not configured
   */
  public List<KeyAdapter> keys(String providerId) {
    List<KeyAdapter> pool = pools.get(providerId);
    if (pool == null) {
      throw notConfigured(providerId);
    }
    return pool;
  }

  /** The provider's batch API, reached with the first key of its pool; empty when it has none or {@code batch_api} is off. */
  public Optional<KeyBatchApi> batchApi(String providerId) {
    return Optional.ofNullable(batchApis.get(providerId));
  }

  /** @throws IllegalArgumentException for a provider that is not configured */
  public ProviderConfig provider(String providerId) {
    ProviderConfig provider = config.providers().get(providerId);
    if (provider == null) {
      throw notConfigured(providerId);
    }
    return provider;
  }

  private IllegalArgumentException notConfigured(String providerId) {
    return new IllegalArgumentException("provider '" + providerId + "' is not configured (known: " + pools.keySet() + ")");
  }

  /** @throws IllegalArgumentException for a model that is not configured */
  public Prices prices(String providerId, String model) {
    return lookUp(realtimePrices, providerId, model);
  }

  /** The model's batch API prices. @throws IllegalArgumentException for a model that is not configured */
  public Prices batchPrices(String providerId, String model) {
    return lookUp(batchPrices, providerId, model);
  }

  private static Prices lookUp(Map<String, Prices> prices, String providerId, String model) {
    Prices found = prices.get(providerId + "/" + model);
    if (found == null) {
      throw new IllegalArgumentException("model '" + model + "' of provider '" + providerId + "' is not configured");
    }
    return found;
  }
}
