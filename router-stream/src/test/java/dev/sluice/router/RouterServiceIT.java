package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router as the gateway runs it, against a real single-node broker with auto-creation off. */
class RouterServiceIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final String LATE_REPLIES = "app.late-replies";
  private static final List<String> OUTPUTS = List.of(TopicNames.dispatch("openai"), APP_REPLIES, LATE_REPLIES,
      TopicNames.REPLIES, TopicNames.AUDIT);
  private static EmbeddedKafkaBroker broker;

  @TempDir
  Path stateDir;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.ephemeral().build().start();
    List<String> topics = new ArrayList<>(TopicNames.all(Fixtures.config().providers().keySet()));
    topics.add(APP_REPLIES);
    broker.createTopics(topics, 1);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void routesAndRejectsRequestsOnARealBroker() throws Exception {
    RouterSettings settings = RouterSettings.defaults(broker.bootstrapServers(), stateDir)
        .withReplicationFactor(1).withCommitIntervalMs(20);
    try (RouterService router = new RouterService(settings, Fixtures.config(), SERDES)) {
      router.start();
      assertThat(router.awaitRunning(Duration.ofSeconds(60))).isTrue();
      // Created after the router listed the topics: found by the re-check on a miss.
      broker.createTopics(List.of(LATE_REPLIES), 1);

      send(Fixtures.request("req-ok").build());
      send(Fixtures.request("req-bad").setReplyTopic(APP_REPLIES).setMaxTokens(0).build());
      send(Fixtures.request("req-late").setReplyTopic(LATE_REPLIES).setMaxTokens(0).build());
      send(Fixtures.request("req-gone").setReplyTopic("app.gone").build());

      Map<String, List<String>> keysByTopic = readUntil(Map.of(TopicNames.dispatch("openai"), 1, APP_REPLIES, 1,
          LATE_REPLIES, 1, TopicNames.REPLIES, 1, TopicNames.AUDIT, 3));
      assertThat(keysByTopic.get(TopicNames.dispatch("openai"))).containsExactly("req-ok");
      assertThat(keysByTopic.get(APP_REPLIES)).containsExactly("req-bad");
      assertThat(keysByTopic.get(LATE_REPLIES)).containsExactly("req-late");
      assertThat(keysByTopic.get(TopicNames.REPLIES)).containsExactly("req-gone");
      assertThat(keysByTopic.get(TopicNames.AUDIT)).containsExactly("req-bad", "req-late", "req-gone");
      assertThat(router.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static void send(LlmRequest request) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TopicNames.REQUESTS, request.getRequestId().getBytes(StandardCharsets.UTF_8),
          SERDES.requests().serialize(TopicNames.REQUESTS, request))).get();
    }
  }

  /** Record keys by output topic, read committed, once each topic has at least the expected count. */
  private static Map<String, List<String>> readUntil(Map<String, Integer> expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    // The router writes in transactions: only committed output counts.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, List<String>> keys = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = OUTPUTS.stream().map(t -> new TopicPartition(t, 0)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          keys.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record.key());
        }
        return expected.entrySet().stream()
            .allMatch(e -> keys.getOrDefault(e.getKey(), List.of()).size() >= e.getValue());
      });
    }
    return keys;
  }
}
