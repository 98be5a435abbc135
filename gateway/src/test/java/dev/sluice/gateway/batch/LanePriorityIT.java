package dev.sluice.gateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Interactive requests sent while a deferred backlog is being worked off (in realtime, as for a
 * provider without a batch API) overtake it: their own dispatch topic, worker thread and bulkhead
 * slots keep them from queueing behind it.
 */
class LanePriorityIT {
  private static final int DEFERRED = 400;

  /** Four calls at a time to OpenAI, so the deferred backlog takes seconds; batch jobs off. */
  static GatewayConfig config(String baseUrl) {
    String yaml = TestConfigs.testGatewayYaml().replace("http://127.0.0.1:18080/v1", baseUrl)
        .replace("    timeout_ms: 5000\n", "    timeout_ms: 5000\n    resilience: {max_concurrent: 4}\n") + """
        batching:
          jobs: {enabled: false}
        """;
    return GatewayConfigLoader.parse(yaml, "lanes-gateway.yaml");
  }

  static LlmRequest request(String id, Priority priority) {
    return LlmRequest.newBuilder()
        .setRequestId(id)
        .setVirtualKey(TestConfigs.TEST_KEY)
        .setModel("fast")
        .setMessages(List.of(new ChatMessage("user", "Question " + id, null)))
        .setMaxTokens(200)
        .setPriority(priority)
        .build();
  }

  @Test
  void interactiveRequestsAreServedBeforeTheDeferredBacklogSentBeforeThem() throws Exception {
    try (EmbeddedGateway gateway = EmbeddedGateway.start(
            EmbeddedGatewaySettings.ephemeralDemo().withConfigFor(LanePriorityIT::config),
            new GatewayServices(ProviderSecrets.of(TestConfigs.PROVIDER_KEYS)));
        SluiceClient client = new SluiceClient(
            SluiceClientSettings.of(gateway.bootstrapServers()).withTimeout(Duration.ofSeconds(120)))) {
      gateway.simulator().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(20)));
      String runId = UUID.randomUUID().toString().substring(0, 8);
      List<CompletableFuture<LlmReply>> deferred = new ArrayList<>();
      for (int n = 0; n < DEFERRED; n++) {
        deferred.add(client.send(request(runId + "-deferred-" + n, Priority.DEFERRED)));
      }
      // The backlog is being worked off when the interactive requests arrive.
      await().atMost(Duration.ofSeconds(60))
          .until(() -> gateway.simulator().calls(ProviderSimulator.OPENAI_CHAT_PATH) >= 20);
      assertThat(deferred).filteredOn(CompletableFuture::isDone).hasSizeLessThan(DEFERRED / 2);

      List<LlmReply> interactive = new ArrayList<>();
      for (int n = 0; n < 10; n++) {
        interactive.add(client.send(request(runId + "-interactive-" + n, Priority.INTERACTIVE)).get());
      }
      CompletableFuture.allOf(deferred.toArray(CompletableFuture[]::new)).get();

      assertThat(interactive).allSatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK));
      List<Instant> deferredDone = deferred.stream().map(CompletableFuture::join)
          .peek(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK))
          .map(LlmReply::getCompletedAt).toList();
      Instant lastInteractive = interactive.stream().map(LlmReply::getCompletedAt).max(Instant::compareTo).orElseThrow();
      // All ten were served while most of the backlog, published before them, still waited.
      long servedAfter = deferredDone.stream().filter(done -> done.isAfter(lastInteractive)).count();
      assertThat(servedAfter).as("deferred requests served after the last interactive one").isGreaterThan(DEFERRED / 2);
    }
  }
}
