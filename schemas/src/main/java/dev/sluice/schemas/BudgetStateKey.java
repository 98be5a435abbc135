package dev.sluice.schemas;

import java.time.Instant;

/**
 * The key of one budget in one period, {@code <budget id>@<period start>} (the start as an ISO-8601
 * instant): on llm.budget-state, llm.budget-reservations and in the router's budget store. A new
 * period is a new key, so compaction keeps each period's last state.
 */
public final class BudgetStateKey {
  private BudgetStateKey() {}

  public static String of(String budgetId, Instant periodStart) {
    return budgetId + "@" + periodStart;
  }
}
