package dev.sluice.ledger;

import static org.awaitility.Awaitility.await;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writing to and reading from partition 0 of a real broker's topics, as the ledger's producers and readers do. */
final class BrokerIO {
  private final EmbeddedKafkaBroker broker;

  BrokerIO(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  /** Writes records to partition 0 of {@code topic}, each with {@code at} as its timestamp, and waits for the broker. */
  void produce(String topic, Instant at, List<KeyedBytes> records) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (KeyedBytes record : records) {
        producer.send(new ProducerRecord<>(topic, 0, at.toEpochMilli(), record.key(), record.value())).get();
      }
    }
  }

  /** Every committed record of partition 0 of {@code topic} up to its last stable offset now. */
  <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    // The ledger writes in transactions: only committed output counts, and end offsets are the last stable ones.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return consumer.position(partition) >= end;
      });
    }
    return records;
  }

  <V> List<ConsumerRecord<byte[], V>> readAll(String topic, Deserializer<V> values) {
    return readAll(topic, new ByteArrayDeserializer(), values);
  }

  record KeyedBytes(String key, byte[] value) {}
}
