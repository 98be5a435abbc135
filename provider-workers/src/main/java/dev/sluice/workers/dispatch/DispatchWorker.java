package dev.sluice.workers.dispatch;

import dev.sluice.schemas.KafkaErrors;
import dev.sluice.schemas.Lane;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.workers.batch.DeferredJobs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one lane of one provider's dispatch topics. Per batch window: calls every item's target
 * concurrently, then writes all replies (and their copies on {@code llm.outcomes}), ledger entries,
 * audit events and failovers together with the consumed offsets in one Kafka transaction. A crash
 * before the commit repeats the provider calls, never a reply or a charge.
 *
 * <p>The poll thread waits only for the batch's calls to end. Their own waits (backoff, rate
 * limits, a full bulkhead) run on the pipelines' scheduler, each bounded by {@code backoff_max_ms}
 * or the request's deadline, and each call by {@code timeout_ms}: without deadlines a batch
 * settles within about {@code (max_retries + 1) * timeout_ms + max_retries * backoff_max_ms}
 * after its slowest call started.
 */
public final class DispatchWorker implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);

  private final String providerId;
  private final Lane lane;
  private final Consumer<String, DispatchBatch> consumer;
  private final Producer<String, byte[]> producer;
  private final TargetCaller caller;
  private final OutcomeSettler settler;
  private final WorkerSettings settings;
  private final SettlementWriter writer;
  private final DeferredJobs jobs;
  private final Topics topics;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  public DispatchWorker(String providerId, Lane lane, Consumer<String, DispatchBatch> consumer,
      Producer<String, byte[]> producer, Topics topics, TargetCaller caller, OutcomeSettler settler,
      WorkerSettings settings) {
    this(providerId, lane, consumer, producer, topics, caller, settler, settings, null);
  }

  /** @param jobs on the deferred lane of a provider with a batch API, its batch jobs; null otherwise */
  public DispatchWorker(String providerId, Lane lane, Consumer<String, DispatchBatch> consumer,
      Producer<String, byte[]> producer, Topics topics, TargetCaller caller, OutcomeSettler settler,
      WorkerSettings settings, DeferredJobs jobs) {
    this.jobs = jobs;
    this.topics = topics;
    this.providerId = providerId;
    this.lane = lane;
    this.consumer = consumer;
    this.producer = producer;
    this.caller = caller;
    this.settler = settler;
    this.settings = settings;
    this.writer = new SettlementWriter(producer, topics);
  }

  @Override
  public void run() {
    try {
      producer.initTransactions();
      consumer.subscribe(List.of(TopicNames.dispatch(providerId, lane)));
      while (running) {
        PendingBatch batch = gather();
        if (!batch.isEmpty()) {
          settleInTransaction(batch);
        }
      }
    } catch (WakeupException e) {
      // close() was called: leave the loop.
    } catch (KafkaException e) {
      if (KafkaErrors.classify(e) != KafkaErrors.Kind.FATAL) {
        throw e;
      }
      // Another instance took over our transactional id, or the cluster refuses us.
      log.error("dispatch worker for {} stops on a fatal Kafka error", providerId, e);
    } finally {
      closeClients();
      stopped.countDown();
    }
  }

  /**
   * Polls until the batch window after the first record has passed or the batch is full. Calls
   * start as records arrive, so the window costs latency only when calls are faster than it;
   * in exchange one transaction settles many polls.
   */
  private PendingBatch gather() {
    PendingBatch batch = new PendingBatch();
    poll(settings.pollTimeout(), batch);
    if (batch.isEmpty()) {
      return batch;
    }
    long windowEnds = System.nanoTime() + settings.batchWindow().toNanos();
    long left;
    while (running && batch.records() < settings.maxPollRecords() && (left = windowEnds - System.nanoTime()) > 0) {
      poll(Duration.ofNanos(left), batch);
    }
    return batch;
  }

  /** Adds what one poll returns to the batch; a record that cannot be decoded is added as such and skipped. */
  private void poll(Duration timeout, PendingBatch batch) {
    try {
      batch.add(consumer.poll(timeout), caller, jobs);
    } catch (RecordDeserializationException e) {
      log.error("dispatch worker for {} cannot decode the record at {}-{}; it goes to {}", providerId,
          e.topicPartition(), e.offset(), TopicNames.DEAD_LETTER, e);
      batch.add(UndecodableDispatch.of(e));
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private void settleInTransaction(PendingBatch batch) {
    List<Settlement> settlements = batch.settle(settler);
    try {
      producer.beginTransaction();
      settlements.forEach(writer::write);
      if (jobs != null) {
        jobs.submitted().forEach(job -> writer.send(topics.batchJobs(), null, job.getJobId(), job));
      }
      batch.undecodable().forEach(record -> producer.send(record.deadLetter()));
      producer.sendOffsetsToTransaction(batch.nextOffsets(), consumer.groupMetadata());
      producer.commitTransaction();
      if (jobs != null) {
        jobs.committed();
      }
    } catch (KafkaException e) {
      if (KafkaErrors.classify(e) == KafkaErrors.Kind.FATAL) {
        throw e;
      }
      // Anything else: nothing of this batch is visible; read the same records again and redo them.
      log.warn("dispatch worker for {} aborts a transaction of {} records and retries them: {}",
          providerId, batch.records(), e.toString());
      producer.abortTransaction();
      if (jobs != null) {
        jobs.aborted();
      }
      rewind(batch);
    }
  }

  /** Partitions taken away by a rebalance meanwhile are left to their new owner, who reads from the committed offset. */
  private void rewind(PendingBatch batch) {
    batch.firstOffsets().forEach((partition, offset) -> {
      if (consumer.assignment().contains(partition)) {
        consumer.seek(partition, offset);
      }
    });
  }

  private void closeClients() {
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("closing the consumer of {} failed", providerId, e);
    }
    try {
      producer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("closing the producer of {} failed", providerId, e);
    }
  }

  /** Closes the clients of a worker whose {@link #run()} never started. */
  public void discard() {
    closeClients();
  }

  /** Stops the loop and waits (bounded) until the clients are closed. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      // Bounded: a provider call in flight ends by its own timeout, but close must not wait on it.
      if (!stopped.await(15, TimeUnit.SECONDS)) {
        log.warn("dispatch worker for {} did not stop within 15 s", providerId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
