package dev.sluice.workers.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.InMemoryRateLimiterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A rate-limiter registry whose limiters read time from a {@link Clock} instead of
 * {@code System.nanoTime()}, so that tests can move a limiter through its windows. Resilience4j
 * supports a time source per limiter but not per registry.
 */
final class ClockedRateLimiterRegistry extends InMemoryRateLimiterRegistry {

  private final Supplier<Long> nanoTime;

  ClockedRateLimiterRegistry(Clock clock) {
    super(RateLimiterConfig.ofDefaults());
    this.nanoTime = () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }

  @Override
  public RateLimiter rateLimiter(String name, RateLimiterConfig config) {
    return computeIfAbsent(name, () -> RateLimiter.of(name, config, getAllTags(Map.of()), nanoTime));
  }
}
