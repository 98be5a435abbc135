package dev.sluice.bench;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.ExactlyOnceTuning;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.gateway.RouterCommitOption;
import dev.sluice.gateway.WorkerBatchWindowOption;
import dev.sluice.schemas.avro.CachePolicy;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Publishes N requests at a rate R through the embedded broker, router, workers and simulator,
 * and reports sustained throughput, end-to-end latency and CPU per 1,000 requests. Latency is
 * measured from each request's intended send time, so a stalled publisher cannot hide delay.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "End-to-end load through embedded Kafka, router, workers and simulator.")
public final class LoadBenchmark implements Callable<Integer> {
  @Option(names = "--count", defaultValue = "20000", description = "Requests measured (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--warmup", defaultValue = "60000",
      description = "Requests sent first, as fast as possible, and not measured: until the JIT is done, it takes a core (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--rate", defaultValue = "1000", description = "Requests per second; 0 sends as fast as the in-flight limit allows (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--max-in-flight", defaultValue = "20000", description = "Requests awaiting a reply at most (default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Spec
  CommandSpec spec;

  @Mixin
  RouterCommitOption routerCommit;

  @Mixin
  WorkerBatchWindowOption batchWindow;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--simulator-latency-ms", defaultValue = "0", description = "Simulated provider latency (default ${DEFAULT-VALUE}).")
  int simulatorLatencyMs;

  @Option(names = "--model", defaultValue = "fast",
      description = "Route alias of bench-gateway.yaml: fast, flaky (falls back to claude-haiku), failover (no retries), claude (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--fault-share", defaultValue = "0",
      description = "Share of OpenAI-shaped calls that fail, half with 500, half with 429 (default ${DEFAULT-VALUE}).")
  double faultShare;

  @Option(names = "--orgs", defaultValue = "1", paramLabel = "N",
      description = "Orgs org-0000, org-0001, ..., one virtual key each; requests are signed with their keys in turn (default ${DEFAULT-VALUE}).")
  int orgs;

  @Option(names = "--budgets", defaultValue = "off", paramLabel = "on|off",
      description = "on: each org gets a budget per day and its key one per month, too high to ever refuse,"
          + " so every request is checked and reserved against two budgets (default ${DEFAULT-VALUE}).")
  Switch budgets;

  @Option(names = "--standard-max-wait-ms", paramLabel = "MS",
      description = "The standard lane's batching.standard.max_wait_ms; 0 sends each request on alone (default: the built-in 10).")
  Integer standardMaxWaitMs;

  @Option(names = "--cache", defaultValue = "off", paramLabel = "off|exact|semantic",
      description = "off: requests bypass the cache. exact: each request is new (its own system prompt), so each"
          + " misses the exact cache and fills it. semantic: the same, with the semantic cache on for every route,"
          + " so each question is also embedded by the question embedder, looked up and indexed"
          + " (default ${DEFAULT-VALUE}).")
  CacheMode cache;

  private List<String> questions;

  public static void main(String[] args) {
    // So that --budgets takes on and off as written.
    System.exit(new CommandLine(new LoadBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ExactlyOnceTuning tuning = ExactlyOnceTuning.of(routerCommit, batchWindow);
    if (orgs < 1) {
      throw new ParameterException(spec.commandLine(), "--orgs must be >= 1, but was " + orgs);
    }
    BenchOrgs benchOrgs = new BenchOrgs(orgs, budgets == Switch.ON);
    String[] keys = new String[orgs];
    Arrays.setAll(keys, benchOrgs::secret);
    EmbeddedGatewaySettings settings = EmbeddedGatewaySettings.ephemeralDemo()
        .withConfigFor(simulatorUrl -> BenchConfig.load(simulatorUrl, benchOrgs,
            (cache == CacheMode.SEMANTIC ? BenchConfig.SEMANTIC_CACHE : "")
                + (standardMaxWaitMs == null ? "" : "\nbatching: {standard: {max_wait_ms: " + standardMaxWaitMs + "}}\n")))
        .withPartitions(partitions).withTuning(tuning);
    questions = EvaluationPair.questions();
    GatewayServices services = new GatewayServices();
    try (EmbeddedGateway gateway = EmbeddedGateway.start(settings, services);
        SluiceClient client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers()).withTimeout(Duration.ofMinutes(5)))) {
      gateway.simulator().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(simulatorLatencyMs))
          .withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultMix.plan(faultShare, 3 * (warmup + count))));
      System.out.printf("warming up with %,d requests over %s...%n", warmup, benchOrgs.describe());
      LoadReport warmupReport = new LoadReport();
      run(client, warmup, 0, warmupReport, "w", keys);
      if (warmupReport.failures() > 0) {
        System.err.printf("FAILED: %,d warm-up replies were errors (%s); not measuring%n",
            warmupReport.failures(), warmupReport.failureCodes());
        return 1;
      }
      LoadReport report = new LoadReport();
      CpuClock cpu = CpuClock.start();
      long elapsedNanos = run(client, count, rate, report, "m", keys);
      System.out.printf("%nroute %s, %.0f%% of OpenAI-shaped calls fail, cache %s, standard lane waits %s ms%n", model,
          faultShare * 100, cache.name().toLowerCase(java.util.Locale.ROOT),
          standardMaxWaitMs == null ? "10 (default)" : standardMaxWaitMs);
      report.print(System.out, count, rate, elapsedNanos, cpu, tuning, partitions, simulatorLatencyMs, benchOrgs);
      if (report.failures() > 0) {
        // A refusal is quicker than an answer, so with any the figures above overstate throughput.
        System.err.printf("FAILED: %,d of %,d replies were errors (%s)%n", report.failures(), count, report.failureCodes());
        return 1;
      }
      return 0;
    }
  }

  /** Sends {@code n} requests on schedule; returns nanoseconds from the first send to the last reply. */
  private long run(SluiceClient client, int n, int rate, LoadReport report, String prefix, String[] keys)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(maxInFlight);
    CompletableFuture<?>[] replies = new CompletableFuture<?>[n];
    long intervalNanos = rate > 0 ? 1_000_000_000L / rate : 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long intended = start + i * intervalNanos;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      long sendTime = rate > 0 ? intended : System.nanoTime();
      replies[i] = client.send(request(prefix, i, keys[i % keys.length])).whenComplete((reply, error) -> {
        inFlight.release();
        report.record(reply, error, System.nanoTime() - sendTime);
      });
    }
    CompletableFuture.allOf(replies).exceptionally(e -> null).join();
    return report.lastCompletionNanos() - start;
  }

  private LlmRequest request(String prefix, int i, String virtualKey) {
    LlmRequest.Builder request = LlmRequest.newBuilder()
        .setRequestId("bench-" + prefix + i + "-" + System.nanoTime())
        .setVirtualKey(virtualKey)
        .setModel(model)
        .setMaxTokens(16)
        .setTemperature(0.0);
    if (cache == CacheMode.OFF) {
      return request.setCachePolicy(CachePolicy.BYPASS)
          .setMessages(List.of(new ChatMessage("user", "Classify this support ticket: my invoice shows the wrong address.", null)))
          .build();
    }
    // A system prompt of its own puts each request in a match group of its own: it never hits, exactly or semantically.
    return request.setMessages(List.of(new ChatMessage("system", "Answer briefly. Run " + prefix + i + ".", null),
        new ChatMessage("user", questions.get(i % questions.size()), null))).build();
  }

  /** What the requests do with the cache. */
  enum CacheMode { OFF, EXACT, SEMANTIC }

  /** An option's value: {@code on} or {@code off}. */
  enum Switch { ON, OFF }
}
