package dev.sluice.gateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.gateway.e2e.TopicRecords;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.money.Prices;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.simulator.BatchBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deferred requests through the real broker, router and workers into the simulator's batch APIs,
 * and their results back to each request's reply, charged at the batch price.
 */
public class BatchJobsIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  /** Secrets of the two keys added for orgs globex and initech. */
  static final String GLOBEX_KEY = "sk-batch-globex";
  static final String INITECH_KEY = "sk-batch-initech";
  static final List<String> KEYS = List.of(TestConfigs.TEST_KEY, GLOBEX_KEY, INITECH_KEY);
  static final List<String> ORGS = List.of("acme", "globex", "initech");

  private static EmbeddedGateway gateway;
  private static SluiceClient client;

  /** test-gateway.yaml with keys for two more orgs, deferred groups of up to 1,000 and jobs polled every 100 ms. */
  public static GatewayConfig config(String baseUrl) {
    String yaml = TestConfigs.testGatewayYaml().replace("http://127.0.0.1:18080/v1", baseUrl) + """
          - id: globex-key
            sha256: %s
            org: globex
            routes: [smart, fast, claude]
          - id: initech-key
            sha256: %s
            org: initech
            routes: [smart, fast, claude]
        batching:
          deferred: {max_items: 1000, max_wait_ms: 1500}
          jobs: {poll_interval_ms: 100, min_minutes_to_deadline: 0}
        """.formatted(Sha256.hex(GLOBEX_KEY), Sha256.hex(INITECH_KEY));
    return GatewayConfigLoader.parse(yaml, "batch-gateway.yaml");
  }

  @BeforeAll
  static void startGateway() {
    gateway = EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo().withConfigFor(BatchJobsIT::config),
        new GatewayServices(ProviderSecrets.of(TestConfigs.PROVIDER_KEYS)));
    client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers()).withTimeout(Duration.ofSeconds(90)));
  }

  @AfterAll
  static void stopGateway() {
    if (client != null) {
      client.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @AfterEach
  void normalBatches() {
    gateway.simulator().batchBehaviour(BatchBehaviour.fast());
  }

  static LlmRequest deferred(String runId, int n, String key, String route) {
    return LlmRequest.newBuilder()
        .setRequestId(runId + "-" + n)
        .setVirtualKey(key)
        .setModel(route)
        .setMessages(List.of(new ChatMessage("user", "Deferred question number " + n + " of " + runId, null)))
        .setMaxTokens(30)
        .setPriority(Priority.DEFERRED)
        .build();
  }

  @Test
  void aThousandDeferredRequestsOfThreeOrgsGoThroughFewJobsAtTheBatchPrice() throws Exception {
    String runId = "batch-" + UUID.randomUUID().toString().substring(0, 8);
    List<LlmRequest> requests = new ArrayList<>();
    for (int n = 0; n < 1_000; n++) {
      requests.add(deferred(runId, n, KEYS.get(n % 3), "claude"));
    }

    List<CompletableFuture<LlmReply>> futures = requests.stream().map(client::send).toList();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();

    for (int n = 0; n < requests.size(); n++) {
      LlmReply reply = futures.get(n).get();
      assertThat(reply.getRequestId()).isEqualTo(requests.get(n).getRequestId());
      assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(ReplyStatus.OK);
      // The simulator answers with the question: each answer went back to the request that asked it.
      assertThat(reply.getContent()).contains("Deferred question number " + n + " of " + runId);
    }
    Prices realtime = gateway.config().model("anthropic", "claude-sonnet-4").orElseThrow().prices();
    Prices batch = gateway.config().model("anthropic", "claude-sonnet-4").orElseThrow().batchPrices();
    assertThat(batch.inputMicrosPerMillion() * 2).isEqualTo(realtime.inputMicrosPerMillion());

    try (TopicRecords<LlmReply> replies = new TopicRecords<>(gateway.bootstrapServers(), TopicNames.REPLIES,
        SERDES.replies().deserializer());
        TopicRecords<CostLedgerEntry> ledger = new TopicRecords<>(gateway.bootstrapServers(), TopicNames.COST_LEDGER,
            SERDES.ledgerEntries().deserializer());
        TopicRecords<BatchJob> jobs = new TopicRecords<>(gateway.bootstrapServers(), TopicNames.BATCH_JOBS,
            SERDES.batchJobs().deserializer())) {
      List<ConsumerRecord<byte[], LlmReply>> written = replies.awaitMatching(
          r -> r.value().getRequestId().startsWith(runId + "-"), 1_000);
      assertThat(written).hasSize(1_000);
      assertThat(written.stream().map(r -> r.value().getRequestId()).distinct()).hasSize(1_000);

      List<CostLedgerEntry> entries = ledger.awaitMatching(
          r -> r.value().getRequestId().startsWith(runId + "-"), 1_000).stream().map(ConsumerRecord::value).toList();
      assertThat(entries).hasSize(1_000);
      long discount = 0;
      for (CostLedgerEntry entry : entries) {
        assertThat(entry.getPriceBasis().getMode()).isEqualTo("batch");
        assertThat(entry.getCostMicros()).isEqualTo(batch.costMicros(entry.getInputTokens(), entry.getOutputTokens()));
        assertThat(entry.getDiscountMicros()).isEqualTo(
            realtime.costMicros(entry.getInputTokens(), entry.getOutputTokens()) - entry.getCostMicros());
        discount += entry.getDiscountMicros();
      }
      assertThat(discount).isPositive();
      Map<String, Long> perOrg = entries.stream().collect(Collectors.groupingBy(CostLedgerEntry::getOrg, Collectors.counting()));
      assertThat(perOrg).containsOnlyKeys(ORGS);

      // Every reply is in, so every job of this run was recorded with its requests before: read until
      // the jobs seen hold all 1,000.
      Map<String, Integer> runJobs = new HashMap<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        jobs.awaitMatching(r -> r.value() != null && r.value().getItems().stream()
            .anyMatch(item -> item.getRequestId().startsWith(runId + "-")), 1)
            .forEach(r -> runJobs.put(r.value().getJobId(), r.value().getTotal()));
        return runJobs.values().stream().mapToInt(Integer::intValue).sum() == 1_000;
      });
      List<BatchJob> settled = jobs.awaitMatching(r -> r.value() != null && r.value().getState() == BatchJobState.SETTLED
          && runJobs.containsKey(r.value().getJobId()), runJobs.size()).stream().map(ConsumerRecord::value).toList();
      assertThat(settled).hasSize(runJobs.size());
      Map<String, Long> jobsPerOrg = settled.stream().map(BatchJob::getOrg)
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(jobsPerOrg).containsOnlyKeys(ORGS);
      assertThat(jobsPerOrg.values()).allSatisfy(count -> assertThat(count).isBetween(1L, 3L));
      assertThat(settled.stream().mapToInt(BatchJob::getSucceeded).sum()).isEqualTo(1_000);
    }
  }

  @Test
  void itemsAJobFailedWithARetryableErrorAreCalledInRealtime() throws Exception {
    gateway.simulator().batchBehaviour(BatchBehaviour.fast().withErrorEvery(10));
    String runId = "errors-" + UUID.randomUUID().toString().substring(0, 8);
    List<LlmRequest> requests = new ArrayList<>();
    for (int n = 0; n < 100; n++) {
      requests.add(deferred(runId, n, TestConfigs.TEST_KEY, "fast"));
    }

    List<LlmReply> replies = sendAll(requests);

    Prices realtime = gateway.config().model("openai", "gpt-4o-mini").orElseThrow().prices();
    Prices batch = gateway.config().model("openai", "gpt-4o-mini").orElseThrow().batchPrices();
    assertThat(replies).allSatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK));
    // Lines 10, 20, ... 100 of the job errored: their requests went on in realtime, after the job's attempt.
    List<LlmReply> retried = replies.stream().filter(r -> r.getAttempts().size() == 2).toList();
    assertThat(retried).hasSize(10);
    assertThat(retried).allSatisfy(reply -> {
      assertThat(reply.getAttempts().get(0).getOutcome()).isEqualTo("provider_error");
      assertThat(reply.getAttempts().get(0).getErrorType()).isEqualTo("server_error");
      assertThat(reply.getAttempts().get(1).getOutcome()).isEqualTo("ok");
      assertThat(reply.getCostMicros()).isEqualTo(realtime.costMicros(reply.getUsage().getInputTokens(),
          reply.getUsage().getOutputTokens()));
    });
    assertThat(replies).filteredOn(r -> r.getAttempts().size() == 1).hasSize(90).allSatisfy(reply ->
        assertThat(reply.getCostMicros()).isEqualTo(batch.costMicros(reply.getUsage().getInputTokens(),
            reply.getUsage().getOutputTokens())));
    try (TopicRecords<CostLedgerEntry> ledger = new TopicRecords<>(gateway.bootstrapServers(), TopicNames.COST_LEDGER,
        SERDES.ledgerEntries().deserializer())) {
      List<CostLedgerEntry> entries = ledger.awaitMatching(r -> r.value().getRequestId().startsWith(runId + "-"), 100)
          .stream().map(ConsumerRecord::value).toList();
      assertThat(entries).hasSize(100);
      assertThat(entries).filteredOn(e -> e.getPriceBasis().getMode().equals("batch")).hasSize(90);
      assertThat(entries).filteredOn(e -> e.getPriceBasis().getMode().equals("realtime")).hasSize(10)
          .allSatisfy(e -> assertThat(e.getDiscountMicros()).isZero());
    }
  }

  @Test
  void anExpiredJobsUnfinishedItemsGoOnInRealtimeOrEndAsBatchExpiredByTheirDeadline() throws Exception {
    // The job expires half way: lines finished by then are answered, the rest expire.
    gateway.simulator().batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofSeconds(6))
        .withExpireAfter(Duration.ofSeconds(3)));
    String runId = "expiry-" + UUID.randomUUID().toString().substring(0, 8);
    Instant published = Instant.now();
    List<LlmRequest> requests = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      // Even requests may wait a minute; odd ones only 3 s, which passes before the job expires.
      Instant deadline = published.plus(n % 2 == 0 ? Duration.ofMinutes(1) : Duration.ofSeconds(3));
      requests.add(LlmRequest.newBuilder(deferred(runId, n, TestConfigs.TEST_KEY, "claude")).setDeadline(deadline).build());
    }

    List<LlmReply> replies = sendAll(requests);

    List<LlmReply> patient = replies.stream().filter(r -> requestNumber(r) % 2 == 0).toList();
    List<LlmReply> hurried = replies.stream().filter(r -> requestNumber(r) % 2 == 1).toList();
    assertThat(patient).allSatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK));
    assertThat(patient).anySatisfy(reply -> assertThat(reply.getAttempts()).extracting(a -> a.getOutcome())
        .containsExactly("batch_expired", "ok"));
    assertThat(hurried).allSatisfy(reply -> {
      if (reply.getStatus() == ReplyStatus.ERROR) {
        assertThat(reply.getError().getCode()).isEqualTo("batch_expired");
        assertThat(reply.getCostMicros()).isZero();
      } else {
        assertThat(reply.getAttempts()).singleElement().satisfies(a -> assertThat(a.getOutcome()).isEqualTo("ok"));
      }
    });
    assertThat(hurried).anySatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.ERROR));
    assertThat(hurried).anySatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK));
    try (TopicRecords<LlmReply> written = new TopicRecords<>(gateway.bootstrapServers(), TopicNames.REPLIES,
        SERDES.replies().deserializer())) {
      assertThat(written.awaitMatching(r -> r.value().getRequestId().startsWith(runId + "-"), 20)).hasSize(20);
    }
  }

  private static int requestNumber(LlmReply reply) {
    return Integer.parseInt(reply.getRequestId().substring(reply.getRequestId().lastIndexOf('-') + 1));
  }

  private static List<LlmReply> sendAll(List<LlmRequest> requests) throws Exception {
    List<CompletableFuture<LlmReply>> futures = requests.stream().map(client::send).toList();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
    List<LlmReply> replies = new ArrayList<>();
    for (int n = 0; n < requests.size(); n++) {
      LlmReply reply = futures.get(n).get();
      assertThat(reply.getRequestId()).isEqualTo(requests.get(n).getRequestId());
      replies.add(reply);
    }
    return replies;
  }
}
