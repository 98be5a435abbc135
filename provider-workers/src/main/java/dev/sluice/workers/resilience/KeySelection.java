package dev.sluice.workers.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Picks the key for one call and passes it through the key's first two guards: its circuit
 * breaker must permit the call, and its cooling and rate-limit waits must fit both
 * {@code backoff_max_ms} and the deadline. A key that fails either is skipped for the next
 * candidate; its circuit permission, if taken, is given back.
 */
final class KeySelection {

  /** Error types of local refusals, as attempts record them. */
  static final String CIRCUIT_OPEN = "circuit_open";
  static final String RATE_LIMITED_LOCALLY = "rate_limited_locally";
  static final String NO_ALLOWED_KEY = "no_allowed_key";

  /** What the selection came to. */
  sealed interface Choice {}

  /** Call {@code key} after {@code waitMillis}; its circuit permission is held. */
  record Chosen(ProviderKey key, long waitMillis) implements Choice {}

  /**
   * No key may be called: {@code errorType} says why; {@code deadlineBound} when a key was skipped
   * only because its wait would pass the deadline.
   */
  record Refused(String errorType, boolean deadlineBound) implements Choice {}

  private final KeyPool pool;
  private final long maxWaitMillis;
  private final Clock clock;

  /** @param maxWaitMillis the longest wait before a call ({@code backoff_max_ms}) */
  KeySelection(KeyPool pool, long maxWaitMillis, Clock clock) {
    this.pool = pool;
    this.maxWaitMillis = maxWaitMillis;
    this.clock = clock;
  }

  Choice choose(TargetRequest request) {
    Instant now = clock.instant();
    List<ProviderKey> candidates = pool.candidates(request.target().getKeys(), now);
    if (candidates.isEmpty()) {
      return new Refused(NO_ALLOWED_KEY, false);
    }
    boolean limited = false;
    boolean deadlineBound = false;
    for (ProviderKey key : candidates) {
      CircuitBreaker circuit = key.circuitBreaker();
      if (!circuit.tryAcquirePermission()) {
        continue;
      }
      long wait = waitBeforeCall(key, request, now);
      if (wait >= 0 && request.deadline().allows(now, wait)) {
        return new Chosen(key, wait);
      }
      circuit.releasePermission();
      limited = true;
      deadlineBound |= wait >= 0;
    }
    return limited ? new Refused(RATE_LIMITED_LOCALLY, deadlineBound) : new Refused(CIRCUIT_OPEN, false);
  }

  /** The key's cooling and rate-limit wait, or {@link KeyRateLimits#REFUSED} when either is beyond the maximum. */
  private long waitBeforeCall(ProviderKey key, TargetRequest request, Instant now) {
    long cooling = key.standing().coolingFor(now).toMillis();
    // Cooling is checked before reserving, so that a skipped key wastes none of its rate limit.
    if (cooling > maxWaitMillis) {
      return KeyRateLimits.REFUSED;
    }
    long limited = key.rateLimits().reserve(request.estimatedTokens());
    return limited < 0 ? KeyRateLimits.REFUSED : Math.max(cooling, limited);
  }

  /** The least wait from {@code from} before one of the target's keys stops cooling. */
  Duration readyIn(TargetRequest request, Instant from) {
    return pool.readyIn(request.target().getKeys(), from);
  }

  long maxWaitMillis() {
    return maxWaitMillis;
  }
}
