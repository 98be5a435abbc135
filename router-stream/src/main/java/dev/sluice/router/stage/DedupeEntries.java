package dev.sluice.router.stage;

import dev.sluice.schemas.avro.DedupeEntry;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The dedupe entries of one task, each held in the window store at its first request's record
 * time. {@link DedupeProcessor}, {@link BudgetProcessor}, {@link OutcomeProcessor} and
 * {@link RejectProcessor} share the store: they run in the same task, because llm.outcomes is
 * partitioned like llm.requests.by-org.
 */
final class DedupeEntries {
  private final ProcessorContext<?, ?> context;
  private final WindowStore<String, DedupeEntry> store;
  private final long windowMs;

  DedupeEntries(ProcessorContext<?, ?> context, Duration window) {
    this.context = context;
    this.store = context.getStateStore(RouterStores.DEDUPE);
    this.windowMs = window.toMillis();
  }

  /**
   * The entry that a request read at {@code recordTime} duplicates: one first seen less than a
   * window before it. One first seen later (records out of time order) counts too.
   */
  Optional<DedupeEntry> duplicated(String key, long recordTime) {
    return latest(key, recordTime - windowMs + 1);
  }

  /** The newest entry of a key that the store still holds, however old. */
  Optional<DedupeEntry> newest(String key) {
    return latest(key, 0);
  }

  /** Stores the entry at its first-seen time, replacing what was there. */
  void save(String key, DedupeEntry entry) {
    store.put(key, entry, entry.getFirstSeen().toEpochMilli());
  }

  private Optional<DedupeEntry> latest(String key, long from) {
    // The store drops entries a window older than its stream time; its cache may still hold them,
    // so the same bound is applied here.
    long retained = Math.max(from, context.currentStreamTimeMs() - windowMs + 1);
    try (WindowStoreIterator<DedupeEntry> entries = store.fetch(key, Math.max(0, retained), Long.MAX_VALUE)) {
      DedupeEntry latest = null;
      while (entries.hasNext()) {
        latest = entries.next().value;
      }
      return Optional.ofNullable(latest);
    }
  }
}
