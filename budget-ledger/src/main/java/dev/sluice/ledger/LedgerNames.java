package dev.sluice.ledger;

/**
 * Names of the budget ledger's topology nodes and state stores. {@code BudgetLedgerTopologyTest}
 * pins them: a renamed store is a new changelog topic ({@code <application id>-<store>-changelog}),
 * which would start every budget from zero.
 */
public final class LedgerNames {
  public static final String FROM_COST_LEDGER = "from-cost-ledger";
  public static final String CHARGE_BUDGETS = "charge-budgets";
  public static final String TO_BUDGET_STATE = "to-budget-state";
  public static final String TO_BUDGET_ALERTS = "to-budget-alerts";

  /** Ledger entry ids already counted, by entry time. */
  public static final String SEEN_ENTRIES_STORE = "seen-entries";
  /** {@link dev.sluice.schemas.avro.BudgetState} by {@link dev.sluice.schemas.BudgetStateKey}. */
  public static final String BUDGET_SPEND_STORE = "budget-spend";

  private LedgerNames() {}
}
