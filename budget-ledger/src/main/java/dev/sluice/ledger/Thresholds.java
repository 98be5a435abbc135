package dev.sluice.ledger;

import dev.sluice.schemas.config.BudgetConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeSet;

/** A budget's soft thresholds: where each lies in micro-dollars, which ones a charge crosses, and their alert ids. */
final class Thresholds {
  private Thresholds() {}

  /**
   * The spend at which {@code share} of {@code limitMicros} is reached: rounded up, so an alert never
   * comes before the share is really spent; at least one micro-dollar, so that a zero limit alerts
   * on the first charge instead of never.
   */
  static long micros(BigDecimal share, long limitMicros) {
    long reached = share.multiply(BigDecimal.valueOf(limitMicros)).setScale(0, RoundingMode.CEILING).longValueExact();
    return Math.max(1, reached);
  }

  /**
   * The thresholds of {@code budget} that a charge taking spend from {@code before} to {@code after}
   * crosses ({@code before < threshold <= after}), lowest first. A threshold already reached is not
   * crossed again in the same period, so each alerts at most once per period.
   */
  static List<BigDecimal> crossed(BudgetConfig budget, long before, long after) {
    long limit = budget.limitMicros();
    // A TreeSet compares by value: 0.8 and 0.80 are one threshold, as their alert id is.
    return new TreeSet<>(budget.thresholds()).stream()
        .filter(share -> {
          long at = micros(share, limit);
          return before < at && at <= after;
        })
        .toList();
  }

  /**
   * {@code <state key>:<share>}, e.g. {@code acme-daily@2026-11-21T00:00:00Z:0.8}: the same for the
   * same budget, period and threshold however the share is written (0.8, 0.80), so a receiver can
   * drop a repeated delivery.
   */
  static String alertId(String stateKey, BigDecimal share) {
    return stateKey + ":" + share.stripTrailingZeros().toPlainString();
  }
}
