package dev.sluice.workers.dispatch;

import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.config.GatewayConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Runs one {@link DispatchWorker} thread per served provider, each with its own consumer and producer. */
public final class WorkerService implements AutoCloseable {
  private final List<DispatchWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  public WorkerService(WorkerSettings settings, GatewayConfig config, Topics topics, ProviderRegistry providers, Clock clock) {
    TargetCaller caller = new TargetCaller(providers, clock);
    OutcomeSettler settler = new OutcomeSettler(providers, clock);
    TreeSet<String> served = new TreeSet<>(settings.providers().isEmpty() ? config.providers().keySet() : settings.providers());
    for (String providerId : served) {
      if (!config.providers().containsKey(providerId)) {
        throw new IllegalArgumentException("cannot serve provider '" + providerId + "': not in the configuration (known: "
            + new TreeSet<>(config.providers().keySet()) + ")");
      }
      KafkaConsumer<String, DispatchBatch> consumer = new KafkaConsumer<>(consumerProperties(settings, providerId),
          new StringDeserializer(), topics.serdes().dispatchBatches());
      KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(settings, providerId),
          new StringSerializer(), new ByteArraySerializer());
      workers.add(new DispatchWorker(providerId, consumer, producer, topics, caller, settler, settings));
    }
  }

  public void start() {
    for (DispatchWorker worker : workers) {
      Thread thread = new Thread(worker, "sluice-worker-" + threads.size());
      thread.start();
      threads.add(thread);
    }
  }

  private static Properties consumerProperties(WorkerSettings settings, String providerId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    // One group per provider, so each provider's workers scale and rebalance on their own.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sluice-workers-" + providerId);
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

  @Override
  public void close() {
    workers.forEach(DispatchWorker::close);
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
