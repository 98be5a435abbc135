package dev.sluice.gateway.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to one topic so far, read with read_committed as a downstream consumer
 * would, with the offset of the last record seen in each partition.
 */
final class TopicTail<V> implements AutoCloseable {
  private final KafkaConsumer<String, V> consumer;
  private final List<ConsumerRecord<String, V>> records = new ArrayList<>();
  private final Map<TopicPartition, Long> lastOffsets = new HashMap<>();

  TopicTail(String bootstrap, String topic, Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what arrived since the last call and returns every record seen so far. */
  synchronized List<ConsumerRecord<String, V>> poll() {
    for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
      records.add(record);
      lastOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset());
    }
    return List.copyOf(records);
  }

  /** Every value committed to the topic by the time of the call: reads up to the last stable offsets of that moment. */
  synchronized List<V> values() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    while (!reached(ends)) {
      poll();
    }
    return records.stream().map(ConsumerRecord::value).toList();
  }

  /** Whether this tail has read up to the last stable offset of every partition. */
  synchronized boolean atEnd() {
    poll();
    return reached(consumer.endOffsets(consumer.assignment()));
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** The offset of the last committed record read in each partition (partitions without any are absent). */
  synchronized Map<TopicPartition, Long> lastOffsets() {
    return Map.copyOf(lastOffsets);
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
