package dev.sluice.gateway.costs;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Where one budget stands in its current period.
 *
 * @param budget the configured budget (its limit is the one that binds)
 * @param period the period that holds the moment asked about
 * @param spentMicros the larger of the ledger's spend (llm.budget-state) and the router's settled spend
 *     (llm.budget-reservations): each may lag the other, and the larger is the one the router must respect
 * @param reservedMicros estimates of the router's requests in flight
 */
public record BudgetStatus(BudgetConfig budget, BudgetPeriod period, long spentMicros, long reservedMicros) {

  /** The budget's period at {@code now}, with no records yet meaning nothing spent or reserved. */
  public static BudgetStatus of(BudgetConfig budget, Instant now, BudgetRecords records) {
    BudgetPeriod period = BudgetPeriod.of(budget, now);
    String key = BudgetStateKey.of(budget.id(), period.start());
    BudgetState state = records.states().get(key);
    BudgetUsage usage = records.usages().get(key);
    long ledgerSpent = state == null ? 0 : state.getSpentMicros();
    long routerSpent = usage == null ? 0 : usage.getSpentMicros();
    long reserved = usage == null ? 0 : usage.getReservedMicros();
    return new BudgetStatus(budget, period, Math.max(ledgerSpent, routerSpent), reserved);
  }

  public long limitMicros() {
    return budget.limitMicros();
  }

  /** The limit less what is spent and reserved; zero or negative once the budget is used up. */
  public long remainingMicros() {
    return limitMicros() - spentMicros - reservedMicros;
  }

  /** (spent + reserved) / limit, rounded to 4 decimals; null for a zero limit. */
  public BigDecimal shareUsed() {
    if (limitMicros() == 0) {
      return null;
    }
    return BigDecimal.valueOf(spentMicros + reservedMicros).divide(BigDecimal.valueOf(limitMicros()), 4, RoundingMode.HALF_UP);
  }

  /** The share used as a percentage with one decimal, e.g. {@code 26.0%}; {@code -} for a zero limit. */
  public String percentUsed() {
    BigDecimal share = shareUsed();
    return share == null ? "-" : share.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** The period's first instant in the budget's zone. */
  public ZonedDateTime startsAt() {
    return period.start().atZone(ZoneId.of(budget.zone()));
  }

  /** The reset time (the period's end) in the budget's zone. */
  public ZonedDateTime resetsAt() {
    return period.end().atZone(ZoneId.of(budget.zone()));
  }

  /** E.g. {@code month 2026-03} or {@code day 2026-03-14}. */
  public String periodLabel() {
    String start = startsAt().toLocalDate().toString();
    return budget.period() + " " + (BudgetConfig.MONTH.equals(budget.period()) ? start.substring(0, 7) : start);
  }
}
