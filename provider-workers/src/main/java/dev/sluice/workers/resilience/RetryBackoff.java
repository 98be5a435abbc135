package dev.sluice.workers.resilience;

import dev.sluice.schemas.config.ResilienceConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry: exponential backoff with full jitter, never shorter than what
 * the provider asked for, never longer than {@code backoff_max_ms}.
 *
 * <p>The n-th retry (1-based) waits a uniform draw from {@code [0, min(max, initial * 2^(n-1))]}:
 * full jitter spreads the retries of a burst that failed together instead of sending them back
 * in step. A wait the provider asked for ({@code Retry-After}, via {@link RetryableFailure}) is a
 * floor; a floor beyond the maximum means the target is out for longer than a retry may wait.
 */
public final class RetryBackoff {

  /** What {@link #waitMillis} returns when the request should not wait for this target. */
  public static final long DO_NOT_RETRY = -1;

  private final long initialMillis;
  private final long maxMillis;
  private final RandomGenerator random;

  /** @param random the source of jitter; seeded in tests */
  public RetryBackoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = Objects.requireNonNull(random, "random");
    if (initialMillis <= 0) {
      throw new IllegalArgumentException("backoff initial must be > 0 ms, but was " + initialMillis);
    }
    if (maxMillis < initialMillis) {
      throw new IllegalArgumentException(
          "backoff max must be >= backoff initial (" + initialMillis + " ms), but was " + maxMillis + " ms");
    }
  }

  public static RetryBackoff of(ResilienceConfig config, RandomGenerator random) {
    return new RetryBackoff(Duration.ofMillis(config.backoffInitialMs()), Duration.ofMillis(config.backoffMaxMs()), random);
  }

  public long maxMillis() {
    return maxMillis;
  }

  /** The upper bound of the n-th retry's draw (1-based). */
  public long capMillis(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, but was " + retry);
    }
    int doublings = Math.min(retry - 1, 62);
    long cap = initialMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : initialMillis << doublings;
    return Math.min(maxMillis, cap);
  }

  /**
   * The wait before the n-th retry (1-based): the jittered draw, raised to {@code floor}; or
   * {@link #DO_NOT_RETRY} when the floor exceeds the maximum.
   */
  public long waitMillis(int retry, Duration floor) {
    long floorMillis = floor.toMillis();
    if (floorMillis > maxMillis) {
      return DO_NOT_RETRY;
    }
    return Math.max(floorMillis, random.nextLong(capMillis(retry) + 1));
  }

  /** This backoff as a Resilience4j interval function; the floor travels in a {@link RetryableFailure}. */
  public <T> IntervalBiFunction<T> asIntervalFunction() {
    return (attempt, outcome) -> waitMillis(attempt,
        outcome.isLeft() && outcome.getLeft() instanceof RetryableFailure failure ? failure.waitAtLeast() : Duration.ZERO);
  }
}
