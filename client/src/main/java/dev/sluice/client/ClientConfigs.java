package dev.sluice.client;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka client settings of {@link SluiceClient}, each non-default one with its reason. */
final class ClientConfigs {
  /** A missing broker is reported within this, not after the 60 s default. */
  private static final String STARTUP_BLOCK_MS = "15000";

  private ClientConfigs() {}

  static Map<String, Object> producer(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // Explicit although default: a retried send must not publish a request twice.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Explicit although default: a request is only "sent" once every in-sync replica has it.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, STARTUP_BLOCK_MS);
    return props;
  }

  static Map<String, Object> replyConsumer(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Replies are written in transactions with the ledger and audit events; never see aborted ones.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // No group: each client assigns all reply partitions itself and starts at the end, so nothing to commit.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.parseInt(STARTUP_BLOCK_MS));
    return props;
  }
}
