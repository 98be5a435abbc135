package dev.sluice.gateway.costs;

import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.PriceBasis;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import java.time.Instant;

/** Ledger entries and budget records for tests, with every field the schemas require filled in. */
public final class TestRecords {
  private static final PriceBasis REALTIME = new PriceBasis("realtime", 2_500_000L, 10_000_000L);

  private TestRecords() {}

  /**
   * An entry of request {@code <entry id up to ':'>} charged {@code costMicros}, 100 input and 20 output
   * tokens, key {@code key-<org>}, provider anthropic for claude models and openai otherwise.
   */
  public static CostLedgerEntry.Builder entry(String entryId, String time, String org, String model, long costMicros) {
    String requestId = entryId.contains(":") ? entryId.substring(0, entryId.indexOf(':')) : entryId;
    return CostLedgerEntry.newBuilder()
        .setEntryId(entryId)
        .setTime(Instant.parse(time))
        .setRequestId(requestId)
        .setKeyId("key-" + org)
        .setOrg(org)
        .setProvider(model.startsWith("claude") ? "anthropic" : "openai")
        .setModel(model)
        .setInputTokens(100)
        .setOutputTokens(20)
        .setCostMicros(costMicros)
        .setPriceBasis(REALTIME);
  }

  /** What the budget-ledger service would write for {@code budget} in {@code period}. */
  public static BudgetState state(BudgetConfig budget, BudgetPeriod period, long spentMicros) {
    return BudgetState.newBuilder()
        .setBudgetId(budget.id())
        .setScope(budget.scope().name())
        .setPeriod(budget.period())
        .setPeriodStart(period.start())
        .setPeriodEnd(period.end())
        .setLimitMicros(budget.limitMicros())
        .setSpentMicros(spentMicros)
        .setEntries(3)
        .setUpdatedAt(period.start())
        .build();
  }

  /** What the router would publish for {@code budget} in {@code period}. */
  public static BudgetUsage usage(BudgetConfig budget, BudgetPeriod period, long spentMicros, long reservedMicros) {
    return BudgetUsage.newBuilder()
        .setBudgetId(budget.id())
        .setPeriodStart(period.start())
        .setPeriodEnd(period.end())
        .setSpentMicros(spentMicros)
        .setReservedMicros(reservedMicros)
        .setInFlight(reservedMicros > 0 ? 2 : 0)
        .setUpdatedAt(period.start())
        .build();
  }
}
