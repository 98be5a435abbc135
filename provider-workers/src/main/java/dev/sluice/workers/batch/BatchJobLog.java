package dev.sluice.workers.batch;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads llm.batch-jobs from its start to its end (committed records only) and keeps each job's
 * latest record: the jobs of one provider and owner that are not yet settled are the ones to
 * resume after a restart.
 */
public final class BatchJobLog implements AutoCloseable {
  private final Consumer<String, BatchJob> consumer;
  private final String providerId;
  private final String owner;

  /** @param consumer a consumer without a group, reading committed records only; closed by {@link #unsettled} or {@link #close} */
  public BatchJobLog(Consumer<String, BatchJob> consumer, String providerId, String owner) {
    this.consumer = consumer;
    this.providerId = providerId;
    this.owner = owner;
  }

  public Collection<BatchJob> unsettled() {
    try (consumer) {
      List<TopicPartition> partitions = consumer.partitionsFor(TopicNames.BATCH_JOBS).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<String, BatchJob> latest = new HashMap<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, BatchJob> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        }
      }
      return latest.values().stream()
          .filter(job -> job.getProvider().equals(providerId) && job.getOwner().equals(owner)
              && job.getState() != BatchJobState.SETTLED)
          .toList();
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
