package dev.sluice.router.stage;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store as compaction keeps its topic: the latest record per key; a tombstone
 * deletes. Used for {@value RouterStores#PROVIDER_HEALTH} (read by route) and
 * {@value RouterStores#BUDGET_STATE} (read by budget).
 *
 * @param <V> the record type
 */
public final class CompactedTopicMirror<V> implements Processor<String, V, Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(CompactedTopicMirror.class);

  private final String storeName;
  private KeyValueStore<String, V> store;

  public CompactedTopicMirror(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.key() == null) {
      // A store cannot hold a null key, and a failure here would stop the global thread, and the router with it.
      log.warn("a record without a key was skipped on its way to {}", storeName);
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
