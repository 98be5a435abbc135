package dev.sluice.ledger;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The ids of the ledger entries already counted, so that an entry read twice (replayed, or sent
 * again by a producer) is counted once. Each id is kept at its entry's time: a repeated entry is
 * the same entry, with the same time, so one exact lookup finds it.
 *
 * <p>Ids are kept for {@link LedgerStores#SEEN_ENTRIES_RETENTION} of entry time. An entry older than
 * that, measured from the newest record the task has read, could no longer be told from a repeat;
 * {@link #tooLate} says so, and the processor refuses it rather than risk counting it twice. The
 * task's stream time follows record timestamps, which producers set as they write each entry, so
 * it runs within moments of entry time.
 */
final class SeenEntries {
  private final WindowStore<String, Long> store;
  private final long retentionMs;

  SeenEntries(WindowStore<String, Long> store, Duration retention) {
    this.store = store;
    this.retentionMs = retention.toMillis();
  }

  /** Whether the entry was counted before. */
  boolean contains(String entryId, Instant time) {
    return store.fetch(entryId, time.toEpochMilli()) != null;
  }

  /** Marks the entry as counted, keeping the cost it was counted for (for operators reading the store). */
  void remember(String entryId, Instant time, long costMicros) {
    store.put(entryId, costMicros, time.toEpochMilli());
  }

  /**
   * Whether an entry of {@code time} is past what the store remembers.
   *
   * @param streamTimeMs the task's stream time (newest record timestamp read); a value below the
   *     retention means none is known yet, and nothing is too late
   */
  boolean tooLate(Instant time, long streamTimeMs) {
    return streamTimeMs >= retentionMs && time.toEpochMilli() <= streamTimeMs - retentionMs;
  }
}
