package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.workers.batch.DeferredJobs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Dispatch records gathered over one batch window, with their provider calls already running.
 * Settled together in one transaction; on an abort, read again from {@link #firstOffsets()}.
 */
final class PendingBatch {
  private final List<CompletableFuture<CallOutcome>> calls = new ArrayList<>();
  private final List<UndecodableDispatch> undecodable = new ArrayList<>();
  private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
  private final Map<TopicPartition, Long> lastOffsets = new HashMap<>();
  private int records;

  /**
   * Starts the calls of every item in {@code polled}; on the deferred lane, {@code jobs} first
   * takes the items it can submit as provider batch jobs.
   *
   * @param jobs null, or the provider batch jobs of the deferred lane
   */
  void add(ConsumerRecords<String, DispatchBatch> polled, TargetCaller caller, DeferredJobs jobs) {
    for (ConsumerRecord<String, DispatchBatch> record : polled) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      firstOffsets.putIfAbsent(partition, record.offset());
      lastOffsets.merge(partition, record.offset(), Math::max);
      records++;
      List<DispatchItem> realtime = jobs == null ? record.value().getItems() : jobs.submit(record.value());
      for (DispatchItem item : realtime) {
        calls.add(caller.call(item));
      }
    }
  }

  /** A record the consumer could not decode: it is dead-lettered and its offset committed with the batch. */
  void add(UndecodableDispatch record) {
    TopicPartition partition = record.partition();
    firstOffsets.putIfAbsent(partition, record.offset());
    lastOffsets.merge(partition, record.offset(), Math::max);
    undecodable.add(record);
    records++;
  }

  List<UndecodableDispatch> undecodable() {
    return undecodable;
  }

  int records() {
    return records;
  }

  boolean isEmpty() {
    return records == 0;
  }

  /** Waits for every call (each bounded by its time limits, retry waits and deadline) and settles it. */
  List<Settlement> settle(OutcomeSettler settler) {
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    return calls.stream().map(CompletableFuture::join).map(settler::settle).toList();
  }

  /** The offsets to commit: one past the last record of each partition. */
  Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    lastOffsets.forEach((partition, offset) -> next.put(partition, new OffsetAndMetadata(offset + 1)));
    return next;
  }

  Map<TopicPartition, Long> firstOffsets() {
    return firstOffsets;
  }
}
