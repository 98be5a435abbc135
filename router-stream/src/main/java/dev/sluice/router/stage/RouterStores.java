package dev.sluice.router.stage;

import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CacheEntry;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ProviderHealth;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The router's state stores: their names, pinned with the topology because each changelog topic
 * is named after its store ({@code <application id>-dedupe-store-changelog}), and how each is built.
 */
public final class RouterStores {
  public static final String DEDUPE = "dedupe-store";
  public static final String PROVIDER_HEALTH = "provider-health-store";
  public static final String BUDGET_USAGE = "budget-usage-store";
  public static final String BUDGET_STATE = "budget-state-store";
  public static final String CACHE = "cache-store";
  public static final String PENDING_DISPATCH = "pending-dispatch-store";

  private RouterStores() {}

  /**
   * {@link dev.sluice.schemas.avro.DedupeEntry} by {@link dev.sluice.schemas.DedupeKey}, each put
   * at its first request's record time: persistent and changelog-backed, so that a restarted or
   * moved task still knows its request ids and what each request in flight reserved; its segments
   * are dropped once the window has passed in record time, which bounds it without a clean-up job.
   * Cached: an entry stored by dedupe and again with its reservation by budget is written once.
   */
  public static StoreBuilder<WindowStore<String, DedupeEntry>> dedupe(Duration window, Serde<DedupeEntry> entries) {
    return Stores.windowStoreBuilder(Stores.persistentWindowStore(DEDUPE, window, window, false),
        Serdes.String(), entries).withCachingEnabled();
  }

  /**
   * The latest {@link ProviderHealth} per {@code <provider>/<key id>}, on every instance. In
   * memory: its source, the compacted llm.provider-health, is its changelog (a global store
   * keeps no other) and is read again at start; it holds one small record per provider key.
   */
  public static StoreBuilder<KeyValueStore<String, ProviderHealth>> providerHealth(Serde<ProviderHealth> health) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PROVIDER_HEALTH), Serdes.String(), health)
        .withLoggingDisabled();
  }

  /**
   * {@link BudgetUsage} by {@link dev.sluice.schemas.BudgetStateKey}: spent and reserved per budget
   * and period, for the budgets of the orgs whose partition this task holds. Changelog-backed, so
   * that a restarted router resumes with every reservation; held in memory, since it has one small
   * record per budget and period and is read back from its compacted changelog in moments. Cached: a
   * busy budget's usage changes with every request, and the cache writes it to the changelog once
   * per commit instead.
   */
  public static StoreBuilder<KeyValueStore<String, BudgetUsage>> budgetUsage(Serde<BudgetUsage> usage) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUDGET_USAGE), Serdes.String(), usage)
        .withCachingEnabled();
  }

  /**
   * {@link CacheEntry} by {@code <namespace>/<exact key>} ({@link dev.sluice.router.cache.CacheKey}):
   * the cached answers of the orgs whose partition this task holds. Persistent and changelog-backed,
   * so a restarted or moved task answers from the cache at once; the semantic index is rebuilt from
   * it. Entries leave it when they expire or are invalidated.
   */
  public static StoreBuilder<KeyValueStore<String, CacheEntry>> cache(Serde<CacheEntry> entries) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CACHE), Serdes.String(), entries)
        .withCachingEnabled();
  }

  /**
   * {@link DispatchItem}s waiting for their group's dispatch record, by
   * {@code <group>\0<request id>} ({@link dev.sluice.router.batch.PendingGroups}). In memory and
   * changelog-backed: a group holds at most one dispatch record's worth, and a restarted task
   * reads it back and sends it. Cached: a request that joins and leaves its group within one
   * commit interval reaches the changelog once (its tombstone) instead of twice.
   */
  public static StoreBuilder<KeyValueStore<String, DispatchItem>> pendingDispatch(Serde<DispatchItem> items) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_DISPATCH), Serdes.String(), items)
        .withCachingEnabled();
  }

  /**
   * The ledger's spend per budget and period, from llm.budget-state, on every instance; in memory
   * for the same reason as {@link #providerHealth}.
   */
  public static StoreBuilder<KeyValueStore<String, BudgetState>> budgetState(Serde<BudgetState> state) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUDGET_STATE), Serdes.String(), state)
        .withLoggingDisabled();
  }
}
