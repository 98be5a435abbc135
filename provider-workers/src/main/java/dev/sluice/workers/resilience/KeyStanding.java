package dev.sluice.workers.resilience;

import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.RateLimitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the provider told us about one key lately: whether it asked us to stay away for a while
 * ("cooling", after a 429 or any {@code Retry-After}), and whether its quota is nearly spent
 * ("low", from rate-limit headers), so that key selection prefers the pool's other keys.
 */
public final class KeyStanding {

  /** How long a 429 without {@code Retry-After} keeps a key cooling. */
  static final Duration DEFAULT_COOLING = Duration.ofSeconds(1);

  private final double lowRemainingFraction;
  private final AtomicReference<Instant> coolingUntil = new AtomicReference<>(Instant.MIN);
  private final AtomicReference<Instant> lowUntil = new AtomicReference<>(Instant.MIN);

  /** @param lowRemainingFraction a quota below this share of its limit makes the key low */
  public KeyStanding(double lowRemainingFraction) {
    this.lowRemainingFraction = lowRemainingFraction;
  }

  /** Takes in an answer's rate-limit headers. */
  void afterAnswer(RateLimitStatus rateLimits) {
    rateLimits.lowUntil(lowRemainingFraction).ifPresent(until -> later(lowUntil, until));
  }

  /** Takes in a failed call: its {@code Retry-After} (or a 429's default wait) and its headers. */
  void afterFailure(ProviderException error, Instant now) {
    error.retryAfter()
        .or(() -> error.httpStatus() == 429 ? Optional.of(DEFAULT_COOLING) : Optional.empty())
        .ifPresent(wait -> later(coolingUntil, now.plus(wait)));
    afterAnswer(error.rateLimits());
  }

  public boolean isCooling(Instant now) {
    return now.isBefore(coolingUntil.get());
  }

  /** How long the key still cools; zero when it does not. */
  public Duration coolingFor(Instant now) {
    Duration left = Duration.between(now, coolingUntil.get());
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean isLow(Instant now) {
    return now.isBefore(lowUntil.get());
  }

  private static void later(AtomicReference<Instant> field, Instant candidate) {
    field.accumulateAndGet(candidate, (current, next) -> next.isAfter(current) ? next : current);
  }
}
