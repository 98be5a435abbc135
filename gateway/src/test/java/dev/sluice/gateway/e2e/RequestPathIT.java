package dev.sluice.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request from {@link SluiceClient} through the real broker, router, worker and simulator to its
 * reply, with the ledger entry and audit event read back from their topics.
 */
class RequestPathIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedGateway gateway;
  private static SluiceClient client;
  private static GatewayConfig config;

  @BeforeAll
  static void startGateway() {
    gateway = EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo().withConfigFor(TestConfigs::testGateway),
        new GatewayServices(ProviderSecrets.of(TestConfigs.PROVIDER_KEYS)));
    config = gateway.config();
    client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers()).withTimeout(Duration.ofSeconds(60)));
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
  void normalSimulator() {
    gateway.simulator().behaviour(SimulatorBehaviour.normal());
  }

  static LlmRequest request(String model, String prompt) {
    return LlmRequest.newBuilder()
        .setRequestId("e2e-" + UUID.randomUUID())
        .setVirtualKey(TestConfigs.TEST_KEY)
        .setModel(model)
        .setMessages(List.of(new ChatMessage("system", "Answer in one line.", null), new ChatMessage("user", prompt, null)))
        .setMaxTokens(40)
        .build();
  }

  @Test
  void openAiShapedRequestIsAnsweredChargedAndAudited() throws Exception {
    LlmRequest request = request("fast", "Explain Kafka in one line");

    LlmReply reply = client.send(request).get();

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getProvider()).isEqualTo("openai");
    assertThat(reply.getModel()).isEqualTo("gpt-4o-mini");
    assertThat(reply.getContent()).contains("Explain Kafka in one line");
    JsonNode usage = directCall(ProviderSimulator.OPENAI_CHAT_PATH, """
        {"model":"gpt-4o-mini","max_completion_tokens":40,"messages":[
          {"role":"system","content":"Answer in one line."},{"role":"user","content":"Explain Kafka in one line"}]}
        """).get("usage");
    assertThat(reply.getUsage().getInputTokens()).isEqualTo(usage.get("prompt_tokens").asInt());
    assertThat(reply.getUsage().getOutputTokens()).isEqualTo(usage.get("completion_tokens").asInt());
    assertChargedAndAudited(reply, "openai", "gpt-4o-mini");
  }

  @Test
  void anthropicShapedRequestIsAnsweredChargedAndAudited() throws Exception {
    LlmRequest request = request("claude", "Explain Kafka in one line");

    LlmReply reply = client.send(request).get();

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getProvider()).isEqualTo("anthropic");
    assertThat(reply.getFinishReason()).isEqualTo("stop");
    JsonNode usage = directCall(ProviderSimulator.ANTHROPIC_MESSAGES_PATH, """
        {"model":"claude-sonnet-4","max_tokens":40,"system":"Answer in one line.",
         "messages":[{"role":"user","content":"Explain Kafka in one line"}]}
        """).get("usage");
    assertThat(reply.getUsage().getInputTokens()).isEqualTo(usage.get("input_tokens").asInt());
    assertThat(reply.getUsage().getOutputTokens()).isEqualTo(usage.get("output_tokens").asInt());
    assertChargedAndAudited(reply, "anthropic", "claude-sonnet-4");
  }

  @Test
  void aTruncatedAnswerIsReportedAsTruncated() throws Exception {
    LlmRequest request = LlmRequest.newBuilder(request("claude", "Explain Kafka in one line")).setMaxTokens(3).build();

    LlmReply reply = client.send(request).get();

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.TRUNCATED);
    assertThat(reply.getFinishReason()).isEqualTo("length");
    assertThat(reply.getUsage().getOutputTokens()).isEqualTo(3);
  }

  @Test
  void aFailingPrimaryIsRetriedThenFailsOverThroughKafkaToTheNextTarget() throws Exception {
    gateway.simulator().behaviour(SimulatorBehaviour.normal()
        .withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultPlan.always(Fault.status(503))));

    LlmReply reply = client.send(request("smart", "Explain Kafka in one line")).get();

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getProvider()).isEqualTo("anthropic");
    // The demo's providers keep the default of two retries on the same target.
    assertThat(reply.getAttempts())
        .extracting(a -> a.getProvider() + ":" + a.getOutcome() + ":" + a.getHttpStatus() + ":retry " + a.getRetry())
        .containsExactly("openai:provider_error:503:retry 0", "openai:provider_error:503:retry 1",
            "openai:provider_error:503:retry 2", "anthropic:ok:200:retry 0");
    // Only the billed attempt is charged.
    assertChargedAndAudited(reply, "anthropic", "claude-sonnet-4");
  }

  private void assertChargedAndAudited(LlmReply reply, String provider, String model) {
    String requestId = reply.getRequestId();
    BigDecimal expected = config.model(provider, model).map(m -> m.inputPerMillion()
            .multiply(BigDecimal.valueOf(reply.getUsage().getInputTokens()))
            .add(m.outputPerMillion().multiply(BigDecimal.valueOf(reply.getUsage().getOutputTokens()))))
        .orElseThrow(); // dollars x 1e6 tokens: numerically equal to micro-dollars
    long expectedMicros = expected.setScale(0, RoundingMode.HALF_UP).longValueExact();
    assertThat(reply.getCostMicros()).isEqualTo(expectedMicros).isPositive();

    try (TopicRecords<CostLedgerEntry> ledger = new TopicRecords<>(gateway.bootstrapServers(), "llm.cost-ledger", SERDES.ledgerEntries());
        TopicRecords<AuditEvent> audit = new TopicRecords<>(gateway.bootstrapServers(), "llm.audit", SERDES.auditEvents())) {
      CostLedgerEntry entry = ledger.awaitMatching(r -> r.value().getRequestId().equals(requestId), 1).getFirst().value();
      assertThat(ledger.awaitMatching(r -> r.value().getRequestId().equals(requestId), 1)).hasSize(1);
      assertThat(entry.getCostMicros()).isEqualTo(expectedMicros);
      assertThat(entry.getInputTokens()).isEqualTo(reply.getUsage().getInputTokens());
      assertThat(entry.getOutputTokens()).isEqualTo(reply.getUsage().getOutputTokens());
      assertThat(entry.getProvider()).isEqualTo(provider);
      assertThat(entry.getModel()).isEqualTo(model);
      assertThat(entry.getKeyId()).isEqualTo("test-key");
      assertThat(entry.getOrg()).isEqualTo("acme");
      assertThat(entry.getTeam()).isEqualTo("platform");

      List<AuditEvent> events = audit.awaitMatching(r -> r.value().getRequestId().equals(requestId), 1)
          .stream().map(r -> r.value()).toList();
      assertThat(events).singleElement().satisfies(event -> {
        assertThat(event.getOutcome()).isEqualTo("ok");
        assertThat(event.getKeyId()).isEqualTo("test-key");
        assertThat(event.getInputTokens()).isEqualTo(reply.getUsage().getInputTokens());
        assertThat(event.getCompletionLength()).isEqualTo(reply.getContent().length());
        assertThat(event.toString()).doesNotContain(TestConfigs.TEST_KEY).doesNotContain("Explain Kafka");
      });
    }
  }

  /** The same call made straight to the simulator, to know what it reports without the gateway. */
  private static JsonNode directCall(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.simulator().baseUrl() + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer direct")
        .header("x-api-key", "direct")
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
