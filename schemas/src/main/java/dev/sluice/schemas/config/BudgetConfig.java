package dev.sluice.schemas.config;

import dev.sluice.schemas.money.MicroDollars;
import java.math.BigDecimal;
import java.util.List;

/**
 * One budget: a scope, a calendar period and a hard limit, with soft thresholds that alert.
 *
 * @param id unique; names the budget in replies, state and alerts
 * @param scope what the budget counts
 * @param period {@code day} or {@code month}, calendar-aligned in {@code zone}
 * @param zone time zone of the period boundaries (default {@code UTC})
 * @param limit hard limit in dollars per period; a request that would pass it is refused
 * @param thresholds soft thresholds as shares of the limit (default 0.5, 0.8, 1.0): one alert each per period
 * @param webhook where alerts are also posted, or null
 */
public record BudgetConfig(String id, BudgetScope scope, String period, String zone, BigDecimal limit,
    List<BigDecimal> thresholds, BudgetWebhookConfig webhook) {
  public static final String DAY = "day";
  public static final String MONTH = "month";
  public static final List<String> PERIODS = List.of(DAY, MONTH);
  public static final List<BigDecimal> DEFAULT_THRESHOLDS =
      List.of(new BigDecimal("0.5"), new BigDecimal("0.8"), BigDecimal.ONE);

  public BudgetConfig {
    zone = zone == null ? "UTC" : zone;
    thresholds = thresholds == null ? DEFAULT_THRESHOLDS : List.copyOf(thresholds);
  }

  /** The hard limit in micro-dollars. */
  public long limitMicros() {
    return MicroDollars.fromDollars(limit);
  }
}
