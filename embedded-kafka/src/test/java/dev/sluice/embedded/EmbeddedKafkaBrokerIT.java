package dev.sluice.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {
  private static final String TOPIC = "embedded.test";

  @Test
  void keepsRecordsAndClusterIdAcrossRestartsOfAPersistentDirectory(@TempDir Path dir) throws Exception {
    String clusterId;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(dir).build().start()) {
      broker.createTopics(List.of(TOPIC), 2);
      broker.createTopics(List.of(TOPIC), 2);
      produce(broker.bootstrapServers(), "k1", "v1");
      assertThat(readAll(broker.bootstrapServers(), 1)).containsExactly("k1=v1");
      clusterId = clusterId(broker.bootstrapServers());
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(dir).build().start()) {
      assertThat(clusterId(broker.bootstrapServers())).isEqualTo(clusterId);
      produce(broker.bootstrapServers(), "k2", "v2");
      assertThat(readAll(broker.bootstrapServers(), 2)).containsExactlyInAnyOrder("k1=v1", "k2=v2");
    }
  }

  @Test
  void ephemeralBrokerDeletesItsDataOnClose() {
    Path data;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start()) {
      data = broker.dataDir();
      assertThat(data.resolve("log").resolve("meta.properties")).exists();
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    }
    assertThat(Files.exists(data)).isFalse();
  }

  private static String clusterId(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      return admin.describeCluster().clusterId().get();
    }
  }

  private static void produce(String bootstrap, String key, String value) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }
  }

  private static List<String> readAll(String bootstrap, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          seen.add(r.key() + "=" + r.value());
        }
        return seen.size() >= expected;
      });
    }
    assertThat(Set.copyOf(seen)).hasSize(seen.size());
    return seen;
  }
}
