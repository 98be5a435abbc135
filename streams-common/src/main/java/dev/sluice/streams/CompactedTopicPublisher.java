package dev.sluice.streams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sends a store's changed values to a compacted topic once per interval of wall-clock time: the
 * latest value of each key changed since the last send. Readers of a compacted topic want latest
 * values, so a busy key costs one record per interval rather than one per change.
 *
 * <p>A value committed to its store just before a crash may not have been sent yet. So on start
 * every stored value that is still current is queued again, and the first send repeats it: the
 * topic then holds what the store holds.
 *
 * @param <V> the store's and the topic's value type
 */
public final class CompactedTopicPublisher<V> {
  private final Map<String, V> unsent = new LinkedHashMap<>();

  private CompactedTopicPublisher() {}

  /**
   * Queues the store's current values and schedules the sends; call it from a processor's {@code init}.
   *
   * @param child the sink node the values are forwarded to
   * @param stillCurrent which stored values are sent again on start (say, those of periods not yet ended)
   */
  public static <V> CompactedTopicPublisher<V> start(ProcessorContext<String, ? super V> context, String child,
      Duration interval, KeyValueStore<String, V> store, Predicate<V> stillCurrent) {
    CompactedTopicPublisher<V> publisher = new CompactedTopicPublisher<>();
    try (KeyValueIterator<String, V> stored = store.all()) {
      while (stored.hasNext()) {
        KeyValue<String, V> value = stored.next();
        if (stillCurrent.test(value.value)) {
          publisher.changed(value.key, value.value);
        }
      }
    }
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, time -> {
      publisher.unsent.forEach((key, value) -> context.forward(new Record<>(key, value, time), child));
      publisher.unsent.clear();
    });
    return publisher;
  }

  /** Queues {@code value} under {@code key}, replacing what was queued for it. */
  public void changed(String key, V value) {
    unsent.put(key, value);
  }
}
