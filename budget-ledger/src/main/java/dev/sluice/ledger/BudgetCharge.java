package dev.sluice.ledger;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What one ledger entry does to one budget: its period's new state, and an alert for each soft
 * threshold the entry crosses. Pure: the processor decides when to store and send it.
 *
 * @param stateKey the budget and period, {@link BudgetStateKey}
 * @param state the period's spend with the entry counted
 * @param alerts thresholds crossed by this entry, lowest first; usually none
 */
record BudgetCharge(String stateKey, BudgetState state, List<BudgetAlert> alerts) {

  /**
   * @param period the period of {@code budget} that holds the entry's time
   * @param key its {@link BudgetStateKey}
   * @param previous the period's state so far, or null for its first entry
   * @param now when the ledger counts it: the state's {@code updated_at} and the alerts' {@code time}
   * @throws ArithmeticException if the spend would overflow a long (the entry then goes to the dead letters)
   */
  static BudgetCharge of(BudgetConfig budget, BudgetPeriod period, String key, BudgetState previous,
      CostLedgerEntry entry, Instant now) {
    long before = previous == null ? 0 : previous.getSpentMicros();
    long after = Math.addExact(before, entry.getCostMicros());
    BudgetState state = BudgetState.newBuilder()
        .setBudgetId(budget.id())
        .setScope(budget.scope().name())
        .setPeriod(budget.period())
        .setPeriodStart(period.start())
        .setPeriodEnd(period.end())
        // The limit as configured now: a raised limit shows with the next entry.
        .setLimitMicros(budget.limitMicros())
        .setSpentMicros(after)
        .setEntries((previous == null ? 0 : previous.getEntries()) + 1)
        .setUpdatedAt(now)
        .build();
    List<BudgetAlert> alerts = Thresholds.crossed(budget, before, after).stream()
        .map(share -> alert(key, state, share, entry, now))
        .toList();
    return new BudgetCharge(key, state, alerts);
  }

  private static BudgetAlert alert(String key, BudgetState state, BigDecimal share, CostLedgerEntry entry, Instant now) {
    return BudgetAlert.newBuilder()
        .setAlertId(Thresholds.alertId(key, share))
        .setBudgetId(state.getBudgetId())
        .setScope(state.getScope())
        .setPeriod(state.getPeriod())
        .setPeriodStart(state.getPeriodStart())
        .setPeriodEnd(state.getPeriodEnd())
        .setThreshold(share.doubleValue())
        .setLimitMicros(state.getLimitMicros())
        .setSpentMicros(state.getSpentMicros())
        .setEntryId(entry.getEntryId())
        .setTime(now)
        .build();
  }
}
