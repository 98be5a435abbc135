package dev.sluice.bench;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.DemoConfig;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.ExactlyOnceTuning;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.gateway.RouterCommitOption;
import dev.sluice.gateway.WorkerBatchWindowOption;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ExactlyOnceTuning tuning = ExactlyOnceTuning.of(routerCommit, batchWindow);
    EmbeddedGatewaySettings settings = EmbeddedGatewaySettings.ephemeralDemo().withConfigFor(BenchConfig::load)
        .withPartitions(partitions).withTuning(tuning);
    GatewayServices services = new GatewayServices();
    try (EmbeddedGateway gateway = EmbeddedGateway.start(settings, services);
        SluiceClient client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers()).withTimeout(Duration.ofMinutes(5)))) {
      gateway.simulator().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(simulatorLatencyMs))
          .withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultMix.plan(faultShare, 3 * (warmup + count))));
      System.out.printf("warming up with %,d requests...%n", warmup);
      run(client, warmup, 0, new LoadReport(), "w");
      LoadReport report = new LoadReport();
      CpuClock cpu = CpuClock.start();
      long elapsedNanos = run(client, count, rate, report, "m");
      System.out.printf("%nroute %s, %.0f%% of OpenAI-shaped calls fail%n", model, faultShare * 100);
      report.print(System.out, count, rate, elapsedNanos, cpu, tuning, partitions, simulatorLatencyMs);
      return report.failures() == 0 ? 0 : 1;
    }
  }

  /** Sends {@code n} requests on schedule; returns nanoseconds from the first send to the last reply. */
  private long run(SluiceClient client, int n, int rate, LoadReport report, String prefix) throws InterruptedException {
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
      replies[i] = client.send(request(prefix + i)).whenComplete((reply, error) -> {
        inFlight.release();
        report.record(reply, error, System.nanoTime() - sendTime);
      });
    }
    CompletableFuture.allOf(replies).exceptionally(e -> null).join();
    return report.lastCompletionNanos() - start;
  }

  private LlmRequest request(String id) {
    return LlmRequest.newBuilder()
        .setRequestId("bench-" + id + "-" + System.nanoTime())
        .setVirtualKey(DemoConfig.DEMO_KEY)
        .setModel(model)
        .setMessages(List.of(new ChatMessage("user", "Classify this support ticket: my invoice shows the wrong address.", null)))
        .setMaxTokens(16)
        .setTemperature(0.0)
        .build();
  }
}
