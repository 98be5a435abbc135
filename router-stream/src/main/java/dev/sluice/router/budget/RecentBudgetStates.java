package dev.sluice.router.budget;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ledger's budget states as {@link BudgetCheck} reads them: each read from the router's copy
 * of llm.budget-state (a global store, which decodes on every read) at most once per
 * {@code maxAge}, and served decoded in between. The ledger sends each state at most once a
 * second, so a read that old is about as fresh as the ledger's own figure; the router's own
 * settled spend, which the check also counts, is always current.
 *
 * <p>One per task, used by its stream thread only.
 */
public final class RecentBudgetStates implements BudgetStateView {
  private final Function<String, BudgetState> store;
  private final Clock clock;
  private final long maxAgeMs;
  private final Map<BudgetPeriodId, Read> reads = new HashMap<>();

  /**
   * @param store the state under a {@link BudgetStateKey}, or null
   * @param clock when a read was made
   * @param maxAge how long a read is served before the store is read again
   */
  public RecentBudgetStates(Function<String, BudgetState> store, Clock clock, Duration maxAge) {
    this.store = store;
    this.clock = clock;
    this.maxAgeMs = maxAge.toMillis();
  }

  @Override
  public Optional<BudgetState> state(String budgetId, Instant periodStart) {
    BudgetPeriodId id = new BudgetPeriodId(budgetId, periodStart);
    long now = clock.millis();
    Read read = reads.get(id);
    if (read == null || now - read.atMs() >= maxAgeMs) {
      read = new Read(store.apply(BudgetStateKey.of(budgetId, periodStart)), now);
      reads.put(id, read);
    }
    return Optional.ofNullable(read.state());
  }

  /** A store read: the state found (or null) and when. */
  private record Read(BudgetState state, long atMs) {}
}
