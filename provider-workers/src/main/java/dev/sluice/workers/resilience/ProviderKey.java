package dev.sluice.workers.resilience;

import dev.sluice.schemas.ProviderHealthKey;
import dev.sluice.workers.provider.ProviderAdapter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;

/**
 * One key of a provider's pool with everything that guards it; each Resilience4j instance is
 * named {@link #name()}.
 *
 * @param providerId     the provider
 * @param keyId          the key's public id
 * @param weight         its share of the pool's traffic
 * @param adapter        calls the provider with this key
 * @param circuitBreaker opens when the provider fails on this key
 * @param rateLimits     the key's local rpm and tpm limits
 * @param bulkhead       its calls in flight, with a queue in front
 * @param timeLimiter    the provider's {@code timeout_ms}
 * @param standing       cooling and low-quota state from the provider's answers
 * @param stats          recent calls, for the key's health record
 */
public record ProviderKey(String providerId, String keyId, int weight, ProviderAdapter adapter,
    CircuitBreaker circuitBreaker, KeyRateLimits rateLimits, BulkheadQueue bulkhead, TimeLimiter timeLimiter,
    KeyStanding standing, CallStats stats) {

  /** {@code <provider>/<key id>}: the name of its Resilience4j instances and the key of its health record. */
  public String name() {
    return ProviderHealthKey.of(providerId, keyId);
  }
}
