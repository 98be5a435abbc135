package dev.sluice.workers.resilience;

import dev.sluice.schemas.ProviderHealthKey;
import dev.sluice.schemas.config.ProviderConfig;
import dev.sluice.schemas.config.ProviderKeyConfig;
import dev.sluice.schemas.config.ResilienceConfig;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The worker's Resilience4j registries and the one place their instances are configured from
 * gateway.yaml: per provider key (named {@code <provider>/<key id>}) a circuit breaker, a
 * requests-per-minute and a tokens-per-minute limiter (each in its own registry, when the key has
 * that limit), a bulkhead and a time limiter; per provider (named {@code <provider>}) a retry.
 * Time comes from one injectable {@link Clock}.
 */
public final class ResilienceRegistries {

  private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
  private final RateLimiterRegistry requestLimiters;
  private final RateLimiterRegistry tokenLimiters;
  private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
  private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
  private final RetryRegistry retries = RetryRegistry.ofDefaults();

  public ResilienceRegistries(Clock clock) {
    this.clock = clock;
    this.requestLimiters = new ClockedRateLimiterRegistry(clock);
    this.tokenLimiters = new ClockedRateLimiterRegistry(clock);
  }

  /** One key with its guards; its bulkhead's waiters expire on {@code scheduler}. */
  ProviderKey key(String providerId, ProviderConfig provider, KeyAdapter adapter, ScheduledExecutorService scheduler) {
    ProviderKeyConfig key = adapter.config();
    ResilienceConfig r = provider.resilience();
    String name = ProviderHealthKey.of(providerId, key.id());
    Duration maxWait = Duration.ofMillis(r.backoffMaxMs());
    KeyRateLimits limits = new KeyRateLimits(
        key.rpm() == null ? null : rateLimiter(requestLimiters, name, key.rpm(), maxWait),
        key.tpm() == null ? null : rateLimiter(tokenLimiters, name, key.tpm(), maxWait));
    BulkheadQueue bulkhead = new BulkheadQueue(bulkheads.bulkhead(name, BulkheadConfig.custom()
        .maxConcurrentCalls(r.maxConcurrent())
        // A full bulkhead queues the call (BulkheadQueue) instead of failing or blocking a thread.
        .maxWaitDuration(Duration.ZERO)
        .writableStackTraceEnabled(false)
        .build()), scheduler, clock);
    return new ProviderKey(providerId, key.id(), key.weight(), adapter.adapter(), circuitBreaker(name, r), limits,
        bulkhead, timeLimiters.timeLimiter(name, TimeLimiterConfig.custom()
            .timeoutDuration(Duration.ofMillis(provider.timeoutMs()))
            .cancelRunningFuture(true)
            .build()),
        new KeyStanding(r.lowRemainingFraction()), new CallStats());
  }

  /** The provider's retry: at most {@code max_retries} retries per target, waits from {@code backoff}. */
  Retry retry(String providerId, ResilienceConfig r, RetryBackoff backoff) {
    return retries.retry(providerId, RetryConfig.<Object>custom()
        .maxAttempts(r.maxRetries() + 1)
        .intervalBiFunction(backoff.asIntervalFunction())
        // The pipeline hands over only failures FailoverPolicy classed RETRY, wrapped with their least wait.
        .retryOnException(failure -> failure instanceof RetryableFailure)
        .failAfterMaxAttempts(false)
        .writableStackTraceEnabled(false)
        .build());
  }

  private CircuitBreaker circuitBreaker(String name, ResilienceConfig r) {
    return circuitBreakers.circuitBreaker(name, CircuitBreakerConfig.custom()
        .failureRateThreshold(r.circuitFailureRate())
        .slowCallRateThreshold(r.circuitSlowCallRate())
        .slowCallDurationThreshold(Duration.ofMillis(r.circuitSlowCallMs()))
        .slidingWindow(r.circuitWindow(), r.circuitMinCalls(), SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(Duration.ofMillis(r.circuitOpenMs()))
        .recordException(FailoverPolicy::isProviderFailure)
        .ignoreException(FailoverPolicy::isHealthNeutral)
        .clock(clock)
        .writableStackTraceEnabled(false)
        .build());
  }

  private static RateLimiter rateLimiter(RateLimiterRegistry registry, String name, int perMinute, Duration maxWait) {
    return registry.rateLimiter(name, RateLimiterConfig.custom()
        .limitForPeriod(perMinute)
        .limitRefreshPeriod(RATE_WINDOW)
        // A reservation that would wait longer than a retry may is refused, and the key skipped.
        .timeoutDuration(maxWait)
        .writableStackTraceEnabled(false)
        .build());
  }

  public CircuitBreakerRegistry circuitBreakers() {
    return circuitBreakers;
  }

  public RateLimiterRegistry requestLimiters() {
    return requestLimiters;
  }

  public RateLimiterRegistry tokenLimiters() {
    return tokenLimiters;
  }

  public BulkheadRegistry bulkheads() {
    return bulkheads;
  }

  public TimeLimiterRegistry timeLimiters() {
    return timeLimiters;
  }

  public RetryRegistry retries() {
    return retries;
  }
}
