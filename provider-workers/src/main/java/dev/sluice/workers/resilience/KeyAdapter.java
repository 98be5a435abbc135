package dev.sluice.workers.resilience;

import dev.sluice.schemas.config.ProviderKeyConfig;
import dev.sluice.workers.provider.ProviderAdapter;
import java.util.Objects;

/**
 * One key of a provider's pool with the adapter that calls with it.
 *
 * @param config  the key's id, weight and limits (it names the key's variable, never holds the key)
 * @param adapter the provider adapter built with this key
 */
public record KeyAdapter(ProviderKeyConfig config, ProviderAdapter adapter) {
  public KeyAdapter {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(adapter, "adapter");
  }
}
