package dev.sluice.gateway.costs;

import dev.sluice.schemas.Topic;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Consumers for {@link TopicSnapshot}: no group id, so they join no group and commit nothing, and
 * a report leaves no trace on the cluster.
 */
public final class SnapshotConsumers {
  private SnapshotConsumers() {}

  public static <K, V> Consumer<K, V> open(String bootstrapServers, Topic<K, V> topic, String clientId) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // Names the reader in broker logs and quotas.
        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
        // Workers write ledger entries in transactions: an aborted one was never charged.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
