package dev.sluice.ledger;

import java.time.Duration;

/**
 * How alerts are posted to webhooks: each failed POST (non-2xx, or no answer) is tried again after
 * a backoff that starts at {@code initialBackoff} and doubles up to {@code maxBackoff}, until
 * {@code maxAttempts} POSTs have failed; then the alert is given up.
 *
 * @param maxAttempts POSTs per alert, the first included
 * @param initialBackoff wait after the first failure
 * @param maxBackoff the longest wait between two attempts
 * @param callTimeout bound on one POST, connecting included
 */
public record WebhookSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration callTimeout) {
  public static final WebhookSettings DEFAULTS =
      new WebhookSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));

  public WebhookSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
    }
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    positive("callTimeout", callTimeout);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was "
          + maxBackoff);
    }
  }

  /** The wait after the {@code failures}-th failed attempt (1 for the first): doubling, capped. */
  public Duration backoffAfter(int failures) {
    Duration backoff = initialBackoff;
    for (int i = 1; i < failures && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) < 0 ? backoff : maxBackoff;
  }

  /** The longest one alert can take: every attempt timing out, with every backoff between them. */
  public Duration retryBudget() {
    Duration total = callTimeout.multipliedBy(maxAttempts);
    for (int failures = 1; failures < maxAttempts; failures++) {
      total = total.plus(backoffAfter(failures));
    }
    return total;
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, but was " + value);
    }
  }
}
