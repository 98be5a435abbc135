package dev.sluice.gateway.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a whole topic with read_committed, as a downstream consumer (data team, auditor) would. */
public final class TopicRecords<V> implements AutoCloseable {
  private final KafkaConsumer<byte[], V> consumer;
  private final List<ConsumerRecord<byte[], V>> seen = new ArrayList<>();

  public TopicRecords(String bootstrap, String topic, Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), values);
    consumer.subscribe(List.of(topic));
  }

  /** Waits until exactly... at least {@code n} records match, then keeps reading briefly to catch extras. */
  public List<ConsumerRecord<byte[], V>> awaitMatching(Predicate<ConsumerRecord<byte[], V>> match, int n) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
      return matching(match).size() >= n;
    });
    // Anything written in the same transactions is visible by now; one more poll catches a duplicate.
    consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
    return matching(match);
  }

  private List<ConsumerRecord<byte[], V>> matching(Predicate<ConsumerRecord<byte[], V>> match) {
    return seen.stream().filter(match).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
