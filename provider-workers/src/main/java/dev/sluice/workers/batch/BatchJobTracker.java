package dev.sluice.workers.batch;

import dev.sluice.schemas.KafkaErrors;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.workers.dispatch.Settlement;
import dev.sluice.workers.dispatch.SettlementWriter;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.batch.BatchStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one provider's batch jobs that this worker instance owns, until each is settled. It
 * starts with the unsettled jobs {@link BatchJobLog} reads back from llm.batch-jobs, then takes
 * each job the deferred lane submits. Every poll interval it asks the provider for each job's
 * status and writes what changed to llm.batch-jobs. An ended job's results are settled in one
 * transaction together with the job's {@code SETTLED} record: a crash before the commit leaves
 * the job unsettled on the topic, so the restarted worker reads the results again and settles
 * them once.
 */
public final class BatchJobTracker implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchJobTracker.class);

  private final String providerId;
  private final KeyBatchApi batchApi;
  private final BatchJobLog jobLog;
  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final SettlementWriter writer;
  private final BatchResultSettler results;
  private final Duration pollInterval;
  private final Clock clock;
  private final BlockingQueue<BatchJob> submitted = new LinkedBlockingQueue<>();
  private final Map<String, BatchJob> open = new LinkedHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  public BatchJobTracker(String providerId, KeyBatchApi batchApi, BatchJobLog jobLog, Producer<String, byte[]> producer,
      Topics topics, BatchResultSettler results, Duration pollInterval, Clock clock) {
    this.providerId = providerId;
    this.batchApi = batchApi;
    this.jobLog = jobLog;
    this.producer = producer;
    this.topics = topics;
    this.writer = new SettlementWriter(producer, topics);
    this.results = results;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /** A job whose submission has been committed to llm.batch-jobs: follow it from now on. */
  public void follow(BatchJob job) {
    submitted.add(job);
  }

  @Override
  public void run() {
    try {
      producer.initTransactions();
      jobLog.unsettled().forEach(job -> open.put(job.getJobId(), job));
      if (!open.isEmpty()) {
        log.info("batch jobs of {}: resuming {} unsettled jobs", providerId, open.size());
      }
      long nextPoll = 0;
      while (running) {
        // Short waits, so that close() is answered quickly whatever the poll interval.
        BatchJob next = submitted.poll(Math.min(pollInterval.toMillis(), 200), TimeUnit.MILLISECONDS);
        for (; next != null; next = submitted.poll()) {
          open.put(next.getJobId(), next);
        }
        if (System.nanoTime() - nextPoll >= 0) {
          pollAll();
          nextPoll = System.nanoTime() + pollInterval.toNanos();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KafkaException e) {
      log.error("batch jobs of {} stop on a fatal Kafka error", providerId, e);
    } finally {
      closeProducer();
      stopped.countDown();
    }
  }

  private void pollAll() {
    for (BatchJob job : List.copyOf(open.values())) {
      if (!running) {
        return;
      }
      try {
        poll(job);
      } catch (ProviderException e) {
        // The provider will be asked again at the next interval; the job stays open.
        log.warn("batch job {} ({} {}): {}", job.getJobId(), providerId, job.getProviderBatchId(), e.getMessage());
      }
    }
  }

  private void poll(BatchJob job) {
    BatchStatus status = batchApi.api().status(job.getProviderBatchId());
    Instant now = clock.instant();
    BatchJob updated = BatchJobRecords.updated(job, status, now);
    if (status.state().ended()) {
      List<BatchItemResult> read = batchApi.api().results(status);
      List<Settlement> settlements = results.settle(updated, read);
      if (commit(updated.getJobId(), settlements, BatchJobRecords.settled(updated, now))) {
        open.remove(job.getJobId());
      }
    } else if (BatchJobRecords.changed(job, updated) && commit(updated.getJobId(), List.of(), updated)) {
      open.put(updated.getJobId(), updated);
    }
  }

  /** Writes the settlements and the job's new record in one transaction; false when it was aborted. */
  private boolean commit(String jobId, List<Settlement> settlements, BatchJob record) {
    try {
      producer.beginTransaction();
      settlements.forEach(writer::write);
      writer.send(topics.batchJobs(), null, jobId, record);
      producer.commitTransaction();
      return true;
    } catch (KafkaException e) {
      if (KafkaErrors.classify(e) == KafkaErrors.Kind.FATAL) {
        throw e;
      }
      log.warn("batch job {}: aborting the transaction that writes its {} state; tried again next interval: {}",
          jobId, record.getState(), e.toString());
      producer.abortTransaction();
      return false;
    }
  }

  private void closeProducer() {
    try {
      producer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("closing the batch job producer of {} failed", providerId, e);
    }
  }

  /** Closes the clients of a tracker whose {@link #run()} never started. */
  public void discard() {
    jobLog.close();
    closeProducer();
  }

  @Override
  public void close() {
    running = false;
    try {
      if (!stopped.await(15, TimeUnit.SECONDS)) {
        log.warn("batch jobs of {} did not stop within 15 s", providerId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
