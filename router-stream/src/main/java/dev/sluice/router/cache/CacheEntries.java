package dev.sluice.router.cache;

import dev.sluice.schemas.avro.CacheEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's cached answers, in its changelog-backed store under {@code <namespace>/<exact key>},
 * with the {@link SemanticIndex} of those that carry an embedding kept in step: every put and
 * delete goes through here, so the index never names an entry the store has dropped, and
 * {@link #rebuildIndex} makes it anew from the store when a task starts.
 */
public final class CacheEntries {
  private final KeyValueStore<String, CacheEntry> store;
  private final SemanticIndex index;

  public CacheEntries(KeyValueStore<String, CacheEntry> store, SemanticIndex index) {
    this.store = store;
    this.index = index;
  }

  /** Indexes every stored entry that has an embedding; returns how many. */
  public int rebuildIndex() {
    int indexed = 0;
    try (KeyValueIterator<String, CacheEntry> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, CacheEntry> next = all.next();
        if (next.value.getEmbedding() != null) {
          index(next.key, next.value);
          indexed++;
        }
      }
    }
    return indexed;
  }

  /** The entry under {@code key} unless it has expired by {@code now}. */
  public Optional<CacheEntry> live(String key, Instant now) {
    CacheEntry entry = store.get(key);
    return entry == null || expired(entry, now) ? Optional.empty() : Optional.of(entry);
  }

  /** The closest live entry of the key's namespace and match group at or above the threshold. */
  public Optional<SemanticMatch> nearest(CacheKey key, float[] question, double threshold, Instant now) {
    return index.nearest(key.namespace(), key.matchGroup(), question, (float) threshold)
        .flatMap(match -> live(match.entryId(), now).map(entry -> new SemanticMatch(entry, match.similarity())));
  }

  /** A semantic match: the entry and its similarity to the question. */
  public record SemanticMatch(CacheEntry entry, float similarity) {}

  /** Stores the entry, replacing one under the same key, and indexes it if it has an embedding. */
  public void put(String key, CacheEntry entry) {
    store.put(key, entry);
    if (entry.getEmbedding() != null) {
      index(key, entry);
    } else {
      index.remove(entry.getNamespace(), key);
    }
  }

  /** Deletes the namespace's entries that {@code drop} selects; returns how many. */
  public int deleteWhere(String namespace, Predicate<CacheEntry> drop) {
    List<String> dropped = new ArrayList<>();
    try (KeyValueIterator<String, CacheEntry> entries =
             store.prefixScan(CacheKey.prefix(namespace), new StringSerializer())) {
      while (entries.hasNext()) {
        KeyValue<String, CacheEntry> next = entries.next();
        // The prefix of org "acme" also begins the keys of an org "acme/eu": only the namespace's own count.
        if (next.value.getNamespace().equals(namespace) && drop.test(next.value)) {
          dropped.add(next.key);
        }
      }
    }
    dropped.forEach(key -> delete(namespace, key));
    return dropped.size();
  }

  /** Deletes every entry that has expired by {@code now}; returns how many. */
  public int deleteExpired(Instant now) {
    List<KeyValue<String, String>> expired = new ArrayList<>();
    try (KeyValueIterator<String, CacheEntry> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, CacheEntry> next = all.next();
        if (expired(next.value, now)) {
          expired.add(KeyValue.pair(next.value.getNamespace(), next.key));
        }
      }
    }
    expired.forEach(e -> delete(e.key, e.value));
    return expired.size();
  }

  private void delete(String namespace, String key) {
    store.delete(key);
    index.remove(namespace, key);
  }

  private void index(String key, CacheEntry entry) {
    index.put(entry.getNamespace(), entry.getMatchGroup(), key, EmbeddingBytes.vector(entry.getEmbedding()));
  }

  private static boolean expired(CacheEntry entry, Instant now) {
    return !now.isBefore(entry.getExpiresAt());
  }
}
