package dev.sluice.gateway.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.gateway.UserException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Reading a topic from its beginning to the end offsets taken at the start, through a {@link MockConsumer}. */
class CostsSnapshotTest {
  private static final String TOPIC = "llm.cost-ledger";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

  private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

  @Test
  void readsEveryPartitionUpToItsEndOffsetAndNoFurther() {
    topic(Map.of(P0, 2L, P1, 1L, P2, 0L));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(P0, 0, "a"));
      consumer.addRecord(record(P0, 1, "b"));
      consumer.addRecord(record(P0, 2, "written after the start"));
      consumer.addRecord(record(P1, 0, "c"));
    });

    TopicSnapshot<String, String> snapshot = TopicSnapshot.read(consumer, TOPIC, Duration.ofSeconds(5));

    assertThat(snapshot.values()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(snapshot.skipped()).isZero();
  }

  @Test
  void anEmptyTopicIsReadWithoutPolling() {
    topic(Map.of(P0, 0L, P1, 0L, P2, 0L));
    consumer.setPollException(new KafkaException("poll must not be called"));

    assertThat(TopicSnapshot.read(consumer, TOPIC, Duration.ofSeconds(5)).records()).isEmpty();
  }

  @Test
  void leavesOutAnUndecodableRecordAndReadsOnPastIt() {
    topic(Map.of(P0, 3L, P1, 0L, P2, 0L));
    consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, "a")));
    consumer.schedulePollTask(() -> consumer.setPollException(new RecordDeserializationException(DeserializationExceptionOrigin.VALUE,
        P0, 1, 0, TimestampType.CREATE_TIME, null, null, new RecordHeaders(), "bad bytes", null)));
    consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 2, "c")));

    TopicSnapshot<String, String> snapshot = TopicSnapshot.read(consumer, TOPIC, Duration.ofSeconds(5));

    assertThat(snapshot.values()).containsExactly("a", "c");
    assertThat(snapshot.skipped()).isEqualTo(1);
  }

  @Test
  void givesUpWhenReadingMakesNoProgress() {
    topic(Map.of(P0, 5L, P1, 0L, P2, 0L));

    UserException error = assertThrows(UserException.class, () -> TopicSnapshot.read(consumer, TOPIC, Duration.ofMillis(300)));

    assertThat(error).hasMessageStartingWith("reading llm.cost-ledger made no progress for 300 ms; still at");
  }

  @Test
  void aMissingTopicIsTheUsersToFix() {
    UserException error = assertThrows(UserException.class, () -> TopicSnapshot.read(consumer, TOPIC, Duration.ofSeconds(1)));

    assertThat(error).hasMessage("topic llm.cost-ledger does not exist (create it with `sluice topics`, or check --bootstrap)");
  }

  private void topic(Map<TopicPartition, Long> ends) {
    Node node = new Node(1, "127.0.0.1", 9092);
    consumer.updatePartitions(TOPIC, ends.keySet().stream().sorted(Comparator.comparingInt(TopicPartition::partition))
        .map(p -> new PartitionInfo(TOPIC, p.partition(), node, new Node[] {node}, new Node[] {node})).toList());
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, P2, 0L));
    consumer.updateEndOffsets(ends);
  }

  private static ConsumerRecord<String, String> record(TopicPartition partition, long offset, String value) {
    return new ConsumerRecord<>(TOPIC, partition.partition(), offset, "acme", value);
  }
}
