package dev.sluice.router.routing;

import dev.sluice.schemas.avro.ProviderHealth;
import java.util.Optional;

/** The health of provider keys as the router last heard it from llm.provider-health. */
@FunctionalInterface
public interface ProviderHealthView {
  /** Knows nothing: every key counts as healthy and unmeasured. */
  ProviderHealthView NONE = (provider, keyId) -> Optional.empty();

  /** The last health record of one key of a provider's pool, or empty if none has arrived. */
  Optional<ProviderHealth> health(String provider, String keyId);
}
