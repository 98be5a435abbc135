package dev.sluice.workers.dispatch;

import dev.sluice.schemas.Lane;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.config.BatchJobsConfig;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.workers.batch.BatchJobLog;
import dev.sluice.workers.batch.BatchJobTracker;
import dev.sluice.workers.batch.BatchResultSettler;
import dev.sluice.workers.batch.DeferredJobs;
import dev.sluice.workers.batch.JobPacker;
import dev.sluice.workers.batch.KeyBatchApi;
import dev.sluice.workers.health.HealthPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs one {@link DispatchWorker} thread per served provider and lane, each with its own consumer
 * and producer, over one resilience pipeline per provider; and publishes the health of every
 * served provider key. A lane's thread polls and settles on its own, so interactive calls never
 * wait for a standard or deferred batch to settle.
 */
public final class WorkerService implements AutoCloseable {
  private final List<DispatchWorker> workers = new ArrayList<>();
  private final List<BatchJobTracker> trackers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService scheduler = resilienceScheduler();
  private final HealthPublisher health;
  private final WorkerSettings settings;
  private boolean started;

  public WorkerService(WorkerSettings settings, GatewayConfig config, Topics topics, ProviderRegistry providers, Clock clock) {
    this.settings = settings;
    TreeSet<String> served = new TreeSet<>(settings.providers().isEmpty() ? config.providers().keySet() : settings.providers());
    for (String providerId : served) {
      if (!config.providers().containsKey(providerId)) {
        throw new IllegalArgumentException("cannot serve provider '" + providerId + "': not in the configuration (known: "
            + new TreeSet<>(config.providers().keySet()) + ")");
      }
    }
    ProviderPipelines pipelines = new ProviderPipelines(providers, served, scheduler, clock, new Random());
    TargetCaller caller = new TargetCaller(pipelines, config, clock);
    OutcomeSettler settler = new OutcomeSettler(providers, clock);
    BatchResultSettler batchResults = new BatchResultSettler(settler, clock);
    for (String providerId : served) {
      DeferredJobs jobs = batchJobs(settings, config, topics, providers, providerId, batchResults, clock);
      for (Lane lane : Lane.values()) {
        String member = memberName(providerId, lane);
        KafkaConsumer<String, DispatchBatch> consumer = new KafkaConsumer<>(consumerProperties(settings, member),
            new StringDeserializer(), topics.serdes().dispatchBatches());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(settings, member),
            new StringSerializer(), new ByteArraySerializer());
        workers.add(new DispatchWorker(providerId, lane, consumer, producer, topics, caller, settler, settings,
            lane == Lane.DEFERRED ? jobs : null));
      }
    }
    KafkaProducer<String, byte[]> healthProducer = new KafkaProducer<>(healthProducerProperties(settings),
        new StringSerializer(), new ByteArraySerializer());
    this.health = new HealthPublisher(healthProducer, topics.providerHealth(), settings.instanceId(), pipelines.keys(), clock);
  }

  /**
   * The deferred lane's batch jobs and their tracker, when batch jobs are on and the provider has a
   * batch API; null otherwise, and the deferred lane calls in realtime.
   */
  private DeferredJobs batchJobs(WorkerSettings settings, GatewayConfig config, Topics topics,
      ProviderRegistry providers, String providerId, BatchResultSettler results, Clock clock) {
    BatchJobsConfig jobs = config.batching().jobs();
    Optional<KeyBatchApi> api = providers.batchApi(providerId);
    if (!jobs.enabled() || api.isEmpty()) {
      return null;
    }
    String member = providerId + "-batch-jobs";
    BatchJobLog log = new BatchJobLog(new KafkaConsumer<>(jobLogProperties(settings), new StringDeserializer(),
        topics.serdes().batchJobs()), providerId, settings.instanceId());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(settings, member),
        new StringSerializer(), new ByteArraySerializer());
    BatchJobTracker tracker = new BatchJobTracker(providerId, api.get(), log, producer, topics, results,
        Duration.ofMillis(jobs.pollIntervalMs()), clock);
    trackers.add(tracker);
    JobPacker packer = new JobPacker(api.get().api().limits(), Duration.ofMinutes(jobs.minMinutesToDeadline()));
    return new DeferredJobs(api.get(), packer, settings.instanceId(), tracker, clock);
  }

  private static Properties jobLogProperties(WorkerSettings settings) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    // Job records are written in transactions: a job whose submission was aborted was never made.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Read once from the start at each start; no group, so nothing to commit.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  /**
   * Runs every retry wait and time limit. Nearly every call's time limit is cancelled when the
   * call answers: removing cancelled tasks keeps thousands of them from waiting out their timeouts
   * in the queue.
   */
  private static ScheduledExecutorService resilienceScheduler() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "sluice-resilience");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  public void start() {
    started = true;
    for (DispatchWorker worker : workers) {
      Thread thread = new Thread(worker, "sluice-worker-" + threads.size());
      thread.start();
      threads.add(thread);
    }
    for (BatchJobTracker tracker : trackers) {
      Thread thread = new Thread(tracker, "sluice-batch-jobs-" + threads.size());
      thread.start();
      threads.add(thread);
    }
    health.start(settings.healthInterval());
  }

  /**
   * Names the consumer group and transactional id of one provider's lane: the provider id for the
   * standard lane, as before lanes existed, so its committed offsets still count.
   */
  static String memberName(String providerId, Lane lane) {
    return lane == Lane.STANDARD ? providerId : providerId + "-" + lane.id();
  }

  private static Properties consumerProperties(WorkerSettings settings, String providerId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    // One group per provider, so each provider's workers scale and rebalance on their own.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sluice-workers-" + providerId);
    // Static membership: a worker restarted under the same instance id takes its partitions back at
    // once instead of waiting out the dead member's session (45 s), as its transactional id fences the old one.
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "sluice-worker-" + providerId + "-" + settings.instanceId());
    // Offsets are committed inside the producer's transaction, never by the consumer.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Dispatch records are written in transactions (router, failover): never act on aborted ones.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new group must not skip requests published before it first started.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // One batch is one transaction: larger polls amortise the commit.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    return props;
  }

  private static Properties producerProperties(WorkerSettings settings, String providerId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    // Stable per instance and provider, so a restarted worker fences its predecessor.
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-worker-" + providerId + "-" + settings.instanceId());
    // Every send of a poll is followed by commitTransaction, which flushes at once: lingering costs
    // no latency and packs a poll's replies, ledger entries and audit events into few requests.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1_000);
    return props;
  }

  private static Properties healthProducerProperties(WorkerSettings settings) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    // Health is advisory and replaced every interval: a send must not hold the health thread for a minute.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    // A stale health record is worthless: give up on it rather than retry it for two minutes.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    // Must not exceed the delivery timeout (the client refuses such a configuration).
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return props;
  }

  @Override
  public void close() {
    if (started) {
      workers.forEach(DispatchWorker::close);
      trackers.forEach(BatchJobTracker::close);
    } else {
      // Their threads never ran, so nothing else would close their clients.
      workers.forEach(DispatchWorker::discard);
      trackers.forEach(BatchJobTracker::discard);
    }
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    health.close();
    scheduler.shutdownNow();
  }
}
