package dev.sluice.workers.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts a simulator's calls as they happen; {@link #snapshot()} reads them as {@link CallCounters}. */
final class CallTally {

  private final LongAdder total = new LongAdder();
  private final Map<String, AtomicLong> byPath = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> byKey = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

  void call(String path, String apiKey) {
    total.increment();
    increment(byPath, path);
    increment(byKey, KeyLabel.of(apiKey));
  }

  void status(int status) {
    increment(byStatus, status);
  }

  long calls(String path) {
    AtomicLong count = byPath.get(path);
    return count == null ? 0 : count.get();
  }

  CallCounters snapshot() {
    return new CallCounters(total.sum(), read(byPath), read(byKey), read(byStatus));
  }

  void reset() {
    total.reset();
    byPath.clear();
    byKey.clear();
    byStatus.clear();
  }

  private static <K> void increment(Map<K, AtomicLong> counts, K key) {
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  private static <K> Map<K, Long> read(Map<K, AtomicLong> counts) {
    Map<K, Long> copy = new HashMap<>();
    counts.forEach((key, count) -> copy.put(key, count.get()));
    return copy;
  }
}
