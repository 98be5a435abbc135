package dev.sluice.gateway;

import dev.sluice.client.SluiceClientSettings;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BatchJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * Reads llm.batch-jobs with a consumer of its own: every partition assigned, from the beginning,
 * committed records only, no group, so nothing is left behind on the cluster.
 */
final class BatchJobTopicFeed implements BatchJobFeed {
  /** A missing broker is reported within this, as the client does. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration CATCH_UP_POLL = Duration.ofMillis(100);

  private final Consumer<String, BatchJob> consumer;
  private final List<TopicPartition> partitions;

  private BatchJobTopicFeed(Consumer<String, BatchJob> consumer, List<TopicPartition> partitions) {
    this.consumer = consumer;
    this.partitions = partitions;
  }

  /** @throws UserException when llm.batch-jobs does not exist */
  static BatchJobTopicFeed open(SluiceClientSettings settings) {
    Topic<String, BatchJob> topic = new Topics(settings.serdes()).batchJobs();
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        // Job records are written in transactions with the replies they settle: never show aborted ones.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Consumer<String, BatchJob> consumer =
        new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), STARTUP_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new UserException("topic " + topic.name() + " does not exist (create it with `sluice topics`, or check --bootstrap)");
      }
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return new BatchJobTopicFeed(consumer, partitions);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  @Override
  public List<BatchJob> poll(Duration timeout) {
    List<BatchJob> jobs = new ArrayList<>();
    try {
      consumer.poll(timeout).forEach(record -> jobs.add(record.value()));
    } catch (RecordDeserializationException e) {
      // A record this version cannot read is no job of this run's: read on past it.
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
    // Tombstones delete jobs long settled; they say nothing about this run.
    jobs.removeIf(Objects::isNull);
    return jobs;
  }

  @Override
  public List<BatchJob> rest(Duration timeout) {
    long giveUpAt = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    List<BatchJob> jobs = new ArrayList<>();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < giveUpAt) {
      jobs.addAll(poll(CATCH_UP_POLL));
    }
    return jobs;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
