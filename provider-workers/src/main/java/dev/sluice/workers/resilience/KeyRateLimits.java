package dev.sluice.workers.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One key's local requests-per-minute and tokens-per-minute limiters (either may be absent).
 * Never blocks: {@link #reserve} books the permits and says how long to wait before the call.
 */
public final class KeyRateLimits {

  /** What {@link #reserve} returns when a limiter would need longer than its timeout. */
  public static final long REFUSED = -1;

  private final RateLimiter requests;
  private final RateLimiter tokens;

  /** @param requests the rpm limiter, or null; @param tokens the tpm limiter, or null */
  KeyRateLimits(RateLimiter requests, RateLimiter tokens) {
    this.requests = requests;
    this.tokens = tokens;
  }

  /**
   * Reserves one request and {@code estimatedTokens}; a call larger than the whole minute's token
   * limit takes the whole of it rather than never passing.
   *
   * <p>When only the second limiter refuses, the first one's reservation is not returned
   * (Resilience4j cannot): the key then sends a little less than its limit for one window.
   *
   * @return the milliseconds to wait before calling, or {@link #REFUSED} when a limiter would need
   *     longer than its timeout ({@code backoff_max_ms})
   */
  long reserve(int estimatedTokens) {
    long waitNanos = 0;
    if (requests != null) {
      long wait = requests.reservePermission(1);
      if (wait < 0) {
        return REFUSED;
      }
      waitNanos = wait;
    }
    if (tokens != null) {
      int permits = Math.max(1, Math.min(estimatedTokens, tokens.getRateLimiterConfig().getLimitForPeriod()));
      long wait = tokens.reservePermission(permits);
      if (wait < 0) {
        return REFUSED;
      }
      waitNanos = Math.max(waitNanos, wait);
    }
    // Rounded up: calling a millisecond early would exceed the limit.
    return TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999);
  }

  public Optional<RateLimiter> requests() {
    return Optional.ofNullable(requests);
  }

  public Optional<RateLimiter> tokens() {
    return Optional.ofNullable(tokens);
  }
}
