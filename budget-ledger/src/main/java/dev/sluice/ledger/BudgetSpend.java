package dev.sluice.ledger;

import dev.sluice.schemas.avro.BudgetState;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The spend of the budget periods one task counts, by {@link dev.sluice.schemas.BudgetStateKey}:
 * held decoded once read or written, and every change written through to the store, which is what
 * survives a restart. The task is the only writer of its budgets' states (llm.cost-ledger is keyed
 * by org), so what it holds stays current and an entry costs no store reads or decoding. Open it
 * when the task's processor is initialised, so that it starts from the store.
 */
final class BudgetSpend {
  private final KeyValueStore<String, BudgetState> store;
  private final Map<String, BudgetState> held = new HashMap<>();

  BudgetSpend(KeyValueStore<String, BudgetState> store) {
    this.store = store;
  }

  /** The period's state so far, or null before its first entry. */
  BudgetState get(String stateKey) {
    BudgetState state = held.get(stateKey);
    if (state == null && !held.containsKey(stateKey)) {
      state = store.get(stateKey);
      held.put(stateKey, state);
    }
    return state;
  }

  void put(String stateKey, BudgetState state) {
    store.put(stateKey, state);
    held.put(stateKey, state);
  }
}
