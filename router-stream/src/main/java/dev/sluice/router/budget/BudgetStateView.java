package dev.sluice.router.budget;

import dev.sluice.schemas.avro.BudgetState;
import java.util.Optional;

/** The ledger's spend per budget and period as the router last heard it from llm.budget-state. */
@FunctionalInterface
public interface BudgetStateView {
  /** Knows nothing: the router's own settled spend is all there is. */
  BudgetStateView NONE = key -> Optional.empty();

  /** The state under a {@link dev.sluice.schemas.BudgetStateKey}, or empty. */
  Optional<BudgetState> state(String budgetStateKey);
}
