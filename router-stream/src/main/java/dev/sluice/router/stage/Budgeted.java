package dev.sluice.router.stage;

import java.util.Set;

/**
 * An admitted request whose cost fits every budget that counts it, with its estimate reserved.
 *
 * @param admitted the request
 * @param affordable the {@code provider/model} targets whose estimate is within the request's
 *     {@code max_cost_micros}; null when the request set no cap (every target may be used)
 * @param reservedMicros the estimate reserved against its budgets; 0 when no budget counts it
 */
public record Budgeted(Admitted admitted, Set<String> affordable, long reservedMicros) implements InFlight {

  /** Whether the route may send the request to this target. */
  public boolean allows(String provider, String model) {
    return affordable == null || affordable.contains(provider + "/" + model);
  }
}
