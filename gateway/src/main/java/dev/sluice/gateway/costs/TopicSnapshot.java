package dev.sluice.gateway.costs;

import dev.sluice.gateway.UserException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * A whole topic as it stood when reading began: every partition from its beginning up to the end
 * offset taken at the start, so the read ends even while producers keep writing, and at once on an
 * empty topic. Nothing is committed; the consumer should have no group. An undecodable record is
 * skipped and counted; retriable errors are retried by the client until reading stalls; any other
 * error ends the read.
 *
 * @param topic the topic read
 * @param records the records read, in offset order per partition
 * @param skipped records that could not be decoded and were left out
 */
public record TopicSnapshot<K, V>(String topic, List<ConsumerRecord<K, V>> records, int skipped) {
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * Reads {@code topic} through {@code consumer}, which it assigns to every partition of the topic.
   *
   * @param stallTimeout how long reading may make no progress before it gives up
   * @throws UserException when the topic does not exist, may not be read, or reading stalls
   */
  public static <K, V> TopicSnapshot<K, V> read(Consumer<K, V> consumer, String topic, Duration stallTimeout) {
    try {
      return readAll(consumer, topic, stallTimeout);
    } catch (AuthorizationException | AuthenticationException e) {
      throw new UserException("not allowed to read " + topic + ": " + e.getMessage(), e);
    }
  }

  /** The values, without tombstones. */
  public List<V> values() {
    return records.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList();
  }

  private static <K, V> TopicSnapshot<K, V> readAll(Consumer<K, V> consumer, String topic, Duration stallTimeout) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, stallTimeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new UserException("topic " + topic + " does not exist (create it with `sluice topics`, or check --bootstrap)");
    }
    List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(assigned);
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, stallTimeout);
    consumer.seekToBeginning(assigned);
    Map<TopicPartition, Long> positions = new HashMap<>();
    assigned.forEach(partition -> positions.put(partition, consumer.position(partition, stallTimeout)));
    consumer.pause(assigned.stream().filter(partition -> positions.get(partition) >= ends.get(partition)).toList());
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    int skipped = 0;
    long lastProgress = System.nanoTime();
    while (positions.entrySet().stream().anyMatch(p -> p.getValue() < ends.get(p.getKey()))) {
      try {
        ConsumerRecords<K, V> batch = consumer.poll(POLL);
        batch.forEach(record -> {
          if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            records.add(record);
          }
        });
      } catch (RecordDeserializationException e) {
        // One undecodable record must not hide the rest of the topic: count it and read on past it.
        consumer.seek(e.topicPartition(), e.offset() + 1);
        skipped++;
      }
      if (advance(consumer, positions, ends)) {
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
        throw new UserException("reading " + topic + " made no progress for " + describe(stallTimeout) + "; still at "
            + positions + " of " + ends);
      }
    }
    return new TopicSnapshot<>(topic, List.copyOf(records), skipped);
  }

  /** Records the new positions, pausing partitions that reached their end; true when any moved. */
  private static boolean advance(Consumer<?, ?> consumer, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
    boolean moved = false;
    for (Map.Entry<TopicPartition, Long> entry : positions.entrySet()) {
      if (entry.getValue() >= ends.get(entry.getKey())) {
        continue;
      }
      long position = consumer.position(entry.getKey());
      moved |= position != entry.getValue();
      entry.setValue(position);
      if (position >= ends.get(entry.getKey())) {
        consumer.pause(List.of(entry.getKey()));
      }
    }
    return moved;
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
