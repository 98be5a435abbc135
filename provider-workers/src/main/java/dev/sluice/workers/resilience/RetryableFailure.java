package dev.sluice.workers.resilience;

import dev.sluice.workers.provider.ProviderException;
import java.time.Duration;

/**
 * A failure the same target may recover from, as handed to the provider's Resilience4j retry:
 * the provider's error and the least wait before any allowed key of the pool may be called again
 * (zero when one may be called at once).
 */
final class RetryableFailure extends RuntimeException {

  private final transient Duration waitAtLeast;

  RetryableFailure(ProviderException cause, Duration waitAtLeast) {
    // Control flow, not a bug: no stack trace to fill.
    super(cause.getMessage(), cause, false, false);
    this.waitAtLeast = waitAtLeast;
  }

  Duration waitAtLeast() {
    return waitAtLeast;
  }
}
