package dev.sluice.schemas.config;

/**
 * How a worker protects itself and a provider from each other. Every field has a default; the
 * circuit breaker, rate limiter and bulkhead exist once per provider key.
 *
 * @param maxRetries retries on the same target after its first call (so at most maxRetries + 1 calls)
 * @param backoffInitialMs the cap of the first retry's full-jitter wait; doubles per retry
 * @param backoffMaxMs the largest wait before a retry; a {@code Retry-After} beyond it moves the
 *     request to its next target instead
 * @param circuitFailureRate failure percentage (1-100) over the window that opens the circuit
 * @param circuitSlowCallRate slow-call percentage (1-100) over the window that opens the circuit
 * @param circuitSlowCallMs a call slower than this counts as slow
 * @param circuitWindow calls in the circuit breaker's sliding window
 * @param circuitMinCalls calls needed in the window before rates are judged
 * @param circuitOpenMs how long an open circuit refuses calls before it lets trial calls through
 * @param maxConcurrent calls in flight per provider key (bulkhead)
 * @param lowRemainingFraction when a response's {@code x-ratelimit-remaining-*} falls below this share
 *     of its limit, new calls prefer the pool's other keys until the provider's reset time
 */
public record ResilienceConfig(
    Integer maxRetries,
    Long backoffInitialMs,
    Long backoffMaxMs,
    Integer circuitFailureRate,
    Integer circuitSlowCallRate,
    Long circuitSlowCallMs,
    Integer circuitWindow,
    Integer circuitMinCalls,
    Long circuitOpenMs,
    Integer maxConcurrent,
    Double lowRemainingFraction) {
  public static final ResilienceConfig DEFAULTS = new ResilienceConfig(null, null, null, null, null, null, null, null, null, null, null);

  public ResilienceConfig {
    maxRetries = maxRetries == null ? 2 : maxRetries;
    backoffInitialMs = backoffInitialMs == null ? 200L : backoffInitialMs;
    backoffMaxMs = backoffMaxMs == null ? 10_000L : backoffMaxMs;
    circuitFailureRate = circuitFailureRate == null ? 50 : circuitFailureRate;
    circuitSlowCallRate = circuitSlowCallRate == null ? 100 : circuitSlowCallRate;
    circuitSlowCallMs = circuitSlowCallMs == null ? 30_000L : circuitSlowCallMs;
    circuitWindow = circuitWindow == null ? 20 : circuitWindow;
    circuitMinCalls = circuitMinCalls == null ? 10 : circuitMinCalls;
    circuitOpenMs = circuitOpenMs == null ? 30_000L : circuitOpenMs;
    maxConcurrent = maxConcurrent == null ? 256 : maxConcurrent;
    lowRemainingFraction = lowRemainingFraction == null ? 0.05 : lowRemainingFraction;
  }
}
