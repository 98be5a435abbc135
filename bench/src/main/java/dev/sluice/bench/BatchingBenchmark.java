package dev.sluice.bench;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The batching path through the embedded gateway and the simulator's batch APIs:
 * <ol>
 *   <li>how many deferred requests a second the router and the deferred lane accept and pack into
 *       provider batch jobs (from the first send until every request is in a submitted job), and
 *       each request's time from its send to the creation of its job;</li>
 *   <li>the cost of a mixed workload (a share deferred, the rest standard) with batch jobs on and
 *       off, from the replies' costs, which are the configured prices times the usage.</li>
 * </ol>
 * Requests alternate between the OpenAI-shaped route {@code fast} and the Anthropic-shaped
 * {@code claude}, and over the orgs.
 */
@Command(name = "batching", mixinStandardHelpOptions = true,
    description = "Deferred requests packed into provider batch jobs: accept rate, time to job, and cost on vs off.")
public final class BatchingBenchmark implements Callable<Integer> {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final List<String> ROUTES = List.of("fast", "claude");

  @Option(names = "--count", defaultValue = "10000", description = "Deferred requests for the accept rate (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--mixed-count", defaultValue = "2000", description = "Requests of the mixed workload, per run (default ${DEFAULT-VALUE}).")
  int mixedCount;

  @Option(names = "--deferred-share", defaultValue = "0.7", description = "Share of the mixed workload that is deferred (default ${DEFAULT-VALUE}).")
  double deferredShare;

  @Option(names = "--orgs", defaultValue = "3", description = "Orgs the requests are spread over (default ${DEFAULT-VALUE}).")
  int orgs;

  @Option(names = "--max-wait-ms", defaultValue = "1000", description = "The deferred lane's max_wait_ms (default ${DEFAULT-VALUE}).")
  int maxWaitMs;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BatchingBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BenchOrgs benchOrgs = new BenchOrgs(orgs, false);
    System.out.printf(Locale.ROOT, "%s; deferred groups of up to 1,000 requests or %d ms; jobs polled every 100 ms%n",
        benchOrgs.describe(), maxWaitMs);
    acceptRate(benchOrgs);
    long[] on = mixedCost(benchOrgs, true);
    long[] off = mixedCost(benchOrgs, false);
    System.out.printf(Locale.ROOT, "%nmixed workload of %,d requests, %.0f%% deferred (cost in micro-dollars, from the replies)%n",
        mixedCount, deferredShare * 100);
    System.out.printf(Locale.ROOT, "%-24s %14s %14s %8s%n", "", "batch jobs on", "batch jobs off", "on/off");
    String[] rows = {"deferred share", "standard share", "whole workload"};
    for (int i = 0; i < 3; i++) {
      System.out.printf(Locale.ROOT, "%-24s %,14d %,14d %8.3f%n", rows[i], on[i], off[i], (double) on[i] / off[i]);
    }
    return 0;
  }

  private String batching(boolean jobs) {
    return "\nbatching:\n  deferred: {max_items: 1000, max_wait_ms: " + maxWaitMs + "}\n"
        + "  jobs: {enabled: " + jobs + ", poll_interval_ms: 100, min_minutes_to_deadline: 0}\n";
  }

  private EmbeddedGateway start(BenchOrgs benchOrgs, boolean jobs) {
    return EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo()
        .withConfigFor(url -> BenchConfig.load(url, benchOrgs, batching(jobs))).withPartitions(partitions),
        new GatewayServices());
  }

  private void acceptRate(BenchOrgs benchOrgs) throws Exception {
    try (EmbeddedGateway gateway = start(benchOrgs, true);
        SluiceClient client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers())
            .withTimeout(Duration.ofMinutes(5)));
        KafkaConsumer<String, BatchJob> jobs = jobReader(gateway.bootstrapServers())) {
      Map<String, Long> sentAt = new HashMap<>(count * 2);
      List<CompletableFuture<LlmReply>> replies = new ArrayList<>(count);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        LlmRequest request = request("accept", i, benchOrgs, Priority.DEFERRED);
        sentAt.put(request.getRequestId(), System.currentTimeMillis());
        replies.add(client.send(request));
      }
      long sent = System.nanoTime();
      Map<String, BatchJob> seen = new HashMap<>();
      List<Long> toJob = new ArrayList<>(count);
      while (toJob.size() < count) {
        for (ConsumerRecord<String, BatchJob> record : jobs.poll(Duration.ofMillis(50))) {
          if (record.value() != null && seen.putIfAbsent(record.key(), record.value()) == null) {
            for (DispatchItem item : record.value().getItems()) {
              toJob.add(record.value().getCreatedAt().toEpochMilli() - sentAt.get(item.getRequestId()));
            }
          }
        }
      }
      long packed = System.nanoTime();
      CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get();
      long answered = System.nanoTime();
      long failed = replies.stream().map(CompletableFuture::join).filter(r -> r.getStatus() == ReplyStatus.ERROR).count();
      long[] times = toJob.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "%naccept and pack: %,d deferred requests sent in %.2f s; all in %d submitted jobs after %.2f s: "
              + "%,.0f requests/s%n", count, seconds(start, sent), seen.size(), seconds(start, packed),
          count / seconds(start, packed));
      System.out.printf(Locale.ROOT, "send to job creation: p50 %,d ms, p99 %,d ms, max %,d ms%n",
          percentile(times, 0.50), percentile(times, 0.99), times[times.length - 1]);
      System.out.printf(Locale.ROOT, "every reply after %.2f s (simulated jobs take 0.5 s); %d errors%n",
          seconds(start, answered), failed);
    }
  }

  /** @return the cost of the deferred requests, of the standard ones, and of all */
  private long[] mixedCost(BenchOrgs benchOrgs, boolean jobs) throws Exception {
    try (EmbeddedGateway gateway = start(benchOrgs, jobs);
        SluiceClient client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers())
            .withTimeout(Duration.ofMinutes(5)))) {
      List<CompletableFuture<LlmReply>> replies = new ArrayList<>(mixedCount);
      boolean[] deferred = new boolean[mixedCount];
      for (int i = 0; i < mixedCount; i++) {
        // Spread evenly: request i is deferred when it takes the running share past the next whole request.
        deferred[i] = Math.floor((i + 1) * deferredShare) > Math.floor(i * deferredShare);
        replies.add(client.send(request("mixed", i, benchOrgs, deferred[i] ? Priority.DEFERRED : Priority.STANDARD)));
      }
      long[] cost = new long[3];
      for (int i = 0; i < mixedCount; i++) {
        LlmReply reply = replies.get(i).get();
        if (reply.getStatus() == ReplyStatus.ERROR) {
          throw new IllegalStateException("request " + reply.getRequestId() + " failed: " + reply.getError());
        }
        cost[deferred[i] ? 0 : 1] += reply.getCostMicros();
        cost[2] += reply.getCostMicros();
      }
      return cost;
    }
  }

  /** The same question for the same number in every run, so the runs' usage is the same. */
  private static LlmRequest request(String run, int i, BenchOrgs benchOrgs, Priority priority) {
    return LlmRequest.newBuilder()
        .setRequestId(run + "-" + System.nanoTime() + "-" + i)
        .setVirtualKey(benchOrgs.secret(i % benchOrgs.count()))
        .setModel(ROUTES.get(i % ROUTES.size()))
        .setMessages(List.of(new ChatMessage("user", "Summarise record number " + i + " of the nightly export.", null)))
        .setMaxTokens(200)
        .setPriority(priority)
        .build();
  }

  private static KafkaConsumer<String, BatchJob> jobReader(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // Job records are written in transactions; aborted ones were never made.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, BatchJob> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        SERDES.batchJobs().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(TopicNames.BATCH_JOBS).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
