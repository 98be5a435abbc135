package dev.sluice.bench;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.ExactlyOnceTuning;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.gateway.RouterCommitOption;
import dev.sluice.gateway.WorkerBatchWindowOption;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * End-to-end latency of cache hits through the embedded broker with exactly-once on: from the
 * client's send to the reply on llm.replies, one request at a time (no queueing). The distinct
 * questions of the evaluation set are answered once through the workers and the simulator, which
 * fills the cache; then each is asked again in rounds, the same request (an exact hit) and a
 * lower-cased variant (a semantic hit, see {@link RouterHitBenchmark}), on a gateway whose routes
 * all use the semantic cache; a route without it is timed on a second gateway for exact hits.
 */
@Command(name = "cache-hits", mixinStandardHelpOptions = true,
    description = "End-to-end latency of exact and semantic cache hits through embedded Kafka.")
public final class CacheHitBenchmark implements Callable<Integer> {
  private static final BenchOrgs ORGS = new BenchOrgs(1, false);

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds over the questions (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup-rounds", defaultValue = "2", description = "Rounds before measuring (default ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Mixin
  RouterCommitOption routerCommit;

  @Mixin
  WorkerBatchWindowOption batchWindow;

  private long sequence;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CacheHitBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<String> candidates = EvaluationPair.distinctCachedQuestions().stream()
        .filter(question -> !RouterHitBenchmark.variant(question).equals(question)).toList();
    ExactlyOnceTuning tuning = ExactlyOnceTuning.of(routerCommit, batchWindow);
    System.out.printf("router commit every %d ms, %d partitions; one request at a time%n",
        tuning.routerCommitIntervalMs(), partitions);
    for (boolean semanticCache : new boolean[] {false, true}) {
      EmbeddedGatewaySettings settings = EmbeddedGatewaySettings.ephemeralDemo()
          .withConfigFor(simulatorUrl -> BenchConfig.load(simulatorUrl, ORGS, semanticCache))
          .withPartitions(partitions).withTuning(tuning);
      try (EmbeddedGateway gateway = EmbeddedGateway.start(settings, new GatewayServices());
          SluiceClient client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers())
              .withTimeout(Duration.ofMinutes(1)))) {
        List<String> questions = fill(client, candidates);
        String route = semanticCache ? "route with the semantic cache" : "route without the semantic cache";
        List<String> kinds = semanticCache ? List.of("exact", "semantic") : List.of("exact");
        for (String kind : kinds) {
          boolean variant = kind.equals("semantic");
          for (int round = 0; round < warmupRounds; round++) {
            ask(client, questions, variant, kind, null);
          }
          Histogram micros = new Histogram(3);
          for (int round = 0; round < rounds; round++) {
            ask(client, questions, variant, kind, micros);
          }
          System.out.printf(Locale.ROOT, "%-8s hit, %-33s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", kind, route,
              micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
              micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
        }
      }
    }
    return 0;
  }

  /**
   * Asks every question once, all at once, and waits for the answers, which fill the cache.
   *
   * @return the questions answered by a provider (a question close to one answered before may be
   *     answered from the cache instead, and fills nothing)
   */
  private List<String> fill(SluiceClient client, List<String> questions) throws Exception {
    List<CompletableFuture<LlmReply>> replies = new ArrayList<>();
    for (String question : questions) {
      replies.add(client.send(request(question)));
    }
    List<String> filled = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      LlmReply reply = replies.get(i).get();
      if (reply.getStatus() != ReplyStatus.OK) {
        throw new IllegalStateException("filling failed for '" + questions.get(i) + "': " + reply);
      }
      if (reply.getCache() == null) {
        filled.add(questions.get(i));
      }
    }
    // The reply reaches the caller from the worker; the router fills the cache from llm.outcomes a little later.
    Thread.sleep(2_000);
    return filled;
  }

  private void ask(SluiceClient client, List<String> questions, boolean variant, String kind, Histogram micros)
      throws Exception {
    for (String question : questions) {
      long start = System.nanoTime();
      LlmReply reply = client.send(request(variant ? RouterHitBenchmark.variant(question) : question)).get();
      long nanos = System.nanoTime() - start;
      if (reply.getCache() == null || !kind.equals(reply.getCache().getKind())) {
        throw new IllegalStateException("expected a " + kind + " hit for '" + question + "', but got " + reply);
      }
      if (micros != null) {
        micros.recordValue(nanos / 1_000);
      }
    }
  }

  private LlmRequest request(String question) {
    return LlmRequest.newBuilder()
        .setRequestId("cache-bench-" + sequence++ + "-" + System.nanoTime())
        .setVirtualKey(ORGS.secret(0))
        .setModel("fast")
        .setMessages(List.of(new ChatMessage("user", question, null)))
        .setMaxTokens(64)
        .setTemperature(0.0)
        .build();
  }
}
