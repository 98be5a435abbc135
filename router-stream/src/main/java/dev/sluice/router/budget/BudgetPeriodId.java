package dev.sluice.router.budget;

import java.time.Instant;

/**
 * One budget's period, as a map key: the parts of a {@link dev.sluice.schemas.BudgetStateKey},
 * found on every request without formatting the key string.
 */
record BudgetPeriodId(String budgetId, Instant start) {}
