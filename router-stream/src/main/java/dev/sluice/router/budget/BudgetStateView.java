package dev.sluice.router.budget;

import dev.sluice.schemas.avro.BudgetState;
import java.time.Instant;
import java.util.Optional;

/** The ledger's spend per budget and period as the router last heard it from llm.budget-state. */
@FunctionalInterface
public interface BudgetStateView {
  /** The state of budget {@code budgetId} in the period starting at {@code periodStart}, or empty. */
  Optional<BudgetState> state(String budgetId, Instant periodStart);
}
