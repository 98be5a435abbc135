package dev.sluice.router.batch;

import dev.sluice.schemas.Lane;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.config.LaneBatching;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Requests held for a dispatch record, grouped by lane, provider, model and org, in a
 * changelog-backed store: {@code <group>\0<request id>} to the item, so a group is one range of
 * keys and each request is written once, however large its group grows. How full each group is
 * and since when it has waited is kept beside the store. A group waits from when its first request
 * joined it, not from when that request was published, so that a backlog read at once still
 * fills whole groups; after a restart, groups read back from the store wait from then.
 */
public final class PendingGroups {
  /** The least character: a group's keys are exactly those in [group + SEPARATOR, group + AFTER). */
  private static final char SEPARATOR = '\u0000';
  private static final char AFTER = '\u0001';

  private final KeyValueStore<String, DispatchItem> store;
  private final Map<GroupKey, Fill> fills = new HashMap<>();

  /** The state of one group: requests, prompt characters, and since when it waits. */
  private record Fill(int items, long promptChars, Instant since) {
    Fill plus(DispatchItem item) {
      return new Fill(items + 1, promptChars + item.getPromptChars(), since);
    }

    static Fill of(DispatchItem item, Instant since) {
      return new Fill(1, item.getPromptChars(), since);
    }
  }

  public PendingGroups(KeyValueStore<String, DispatchItem> store) {
    this.store = store;
  }

  /** Reads back what the store holds after a restart or a move of the task; returns the requests found. */
  public int rebuild(Instant now) {
    fills.clear();
    int count = 0;
    try (KeyValueIterator<String, DispatchItem> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, DispatchItem> entry = all.next();
        String key = entry.key;
        GroupKey group = GroupKey.parse(key.substring(0, key.indexOf(SEPARATOR)));
        fills.merge(group, Fill.of(entry.value, now), (a, b) -> a.plus(entry.value));
        count++;
      }
    }
    return count;
  }

  /** Holds {@code item} in its group; returns whether the group is now full under {@code limits}. */
  public boolean add(GroupKey group, DispatchItem item, LaneBatching limits, Instant now) {
    store.put(group.text() + SEPARATOR + item.getRequestId(), item);
    Fill fill = fills.merge(group, Fill.of(item, now), (a, b) -> a.plus(item));
    return fill.items() >= limits.maxItems() || fill.promptChars() >= limits.maxPromptChars();
  }

  /** The groups that have waited their lane's {@code max_wait_ms} at {@code now}. */
  public List<GroupKey> due(Instant now, Function<Lane, LaneBatching> limits) {
    List<GroupKey> due = new ArrayList<>();
    fills.forEach((group, fill) -> {
      if (!fill.since().plusMillis(limits.apply(group.lane()).maxWaitMs()).isAfter(now)) {
        due.add(group);
      }
    });
    return due;
  }

  /** Takes every request of the group out of the store, in request id order. */
  public List<DispatchItem> take(GroupKey group) {
    List<DispatchItem> items = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, DispatchItem> range =
        store.range(group.text() + SEPARATOR, group.text() + AFTER)) {
      while (range.hasNext()) {
        KeyValue<String, DispatchItem> entry = range.next();
        keys.add(entry.key);
        items.add(entry.value);
      }
    }
    keys.forEach(store::delete);
    fills.remove(group);
    return items;
  }

  /** Groups holding requests. */
  public int groups() {
    return fills.size();
  }
}
