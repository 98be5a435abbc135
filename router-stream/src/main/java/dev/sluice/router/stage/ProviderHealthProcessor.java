package dev.sluice.router.stage;

import dev.sluice.schemas.avro.ProviderHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the router's copy of llm.provider-health in the global store {@value RouterStores#PROVIDER_HEALTH}:
 * the latest record per {@code <provider>/<key id>}, as compaction keeps it; a tombstone deletes.
 * The route stage reads the store to order targets.
 */
public final class ProviderHealthProcessor implements Processor<String, ProviderHealth, Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(ProviderHealthProcessor.class);

  private KeyValueStore<String, ProviderHealth> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(RouterStores.PROVIDER_HEALTH);
  }

  @Override
  public void process(Record<String, ProviderHealth> record) {
    if (record.key() == null) {
      // A store cannot hold a null key, and a failure here would stop the global thread, and the router with it.
      log.warn("a provider health record without a key was skipped: records are keyed <provider>/<key id>");
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
