package dev.sluice.ledger;

import dev.sluice.schemas.avro.BudgetState;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * How the ledger's two stores are built. Both are persistent and logged to a changelog, so a task
 * that restarts or moves to another instance goes on from exactly the spend and the entry ids its
 * last commit saw; under exactly-once the stores, their changelogs and the output commit together.
 */
public final class LedgerStores {
  /**
   * How long an entry id is remembered, in entry time: a month period (at most 31 days) plus as
   * much again for entries that arrive late or are replayed. Segments are dropped whole, so an id
   * may be kept up to half as long again; never shorter.
   */
  public static final Duration SEEN_ENTRIES_RETENTION = Duration.ofDays(62);

  /** An id is remembered at one instant, its entry's time: a window of one millisecond. */
  private static final Duration SEEN_ENTRY_WINDOW = Duration.ofMillis(1);

  private LedgerStores() {}

  /**
   * Entry ids already counted, each put at its entry's time with the cost it was counted for. A
   * window store, not a key-value store, so that old ids leave by segment as entry time moves on,
   * without a clean-up job and without growing for ever.
   */
  public static StoreBuilder<WindowStore<String, Long>> seenEntries() {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(LedgerNames.SEEN_ENTRIES_STORE, SEEN_ENTRIES_RETENTION, SEEN_ENTRY_WINDOW, false),
        Serdes.String(), Serdes.Long());
  }

  /**
   * The spend of each budget in each period, by {@link dev.sluice.schemas.BudgetStateKey}. One
   * small record per budget and period; kept, like the compacted llm.budget-state it mirrors.
   * Cached: a budget charged many times between two commits is written to RocksDB and its changelog once.
   */
  public static StoreBuilder<KeyValueStore<String, BudgetState>> budgetSpend(Serde<BudgetState> states) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LedgerNames.BUDGET_SPEND_STORE),
        Serdes.String(), states).withCachingEnabled();
  }
}
