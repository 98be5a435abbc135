package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.ANTHROPIC_BATCHES_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.ANTHROPIC_MESSAGES_PATH;
import static dev.sluice.workers.simulator.RawHttp.ANTHROPIC_AUTH;
import static dev.sluice.workers.simulator.RawHttp.get;
import static dev.sluice.workers.simulator.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AnthropicBatchesApiTest {
  private static final String PARAMS =
      "{\"model\":\"claude-haiku\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Name a log\"}]}";
  private static final String NO_MAX_TOKENS =
      "{\"model\":\"claude-haiku\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  private static String request(String customId, String params) {
    return "{\"custom_id\":\"" + customId + "\",\"params\":" + params + "}";
  }

  private static RawHttp.Reply create(String... requests) throws Exception {
    return post(sim, ANTHROPIC_BATCHES_PATH, ANTHROPIC_AUTH, "{\"requests\":[" + String.join(",", requests) + "]}");
  }

  private static JsonNode ended(String id) {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> get(sim, ANTHROPIC_BATCHES_PATH + "/" + id, ANTHROPIC_AUTH).json(),
            batch -> "ended".equals(batch.get("processing_status").asText()));
  }

  @Test
  void runsABatchToItsEndAndAnswersEachRequestAsTheMessagesApiWould() throws Exception {
    sim.batchBehaviour(new BatchBehaviour(Duration.ofMillis(20), Duration.ofMillis(300), 0, null));

    RawHttp.Reply created = create(request("first", PARAMS), request("no-limit", NO_MAX_TOKENS));

    assertThat(created.status()).isEqualTo(200);
    JsonNode batch = created.json();
    String id = batch.get("id").asText();
    assertThat(id).startsWith("msgbatch_");
    assertThat(batch.get("type").asText()).isEqualTo("message_batch");
    assertThat(batch.get("processing_status").asText()).isEqualTo("in_progress");
    assertThat(batch.get("request_counts")).isEqualTo(RawHttp.parse(
        "{\"processing\":2,\"succeeded\":0,\"errored\":0,\"canceled\":0,\"expired\":0}"));
    for (String unset : List.of("ended_at", "cancel_initiated_at", "archived_at", "results_url")) {
      assertThat(batch.get(unset).isNull()).as(unset).isTrue();
    }
    Instant createdAt = Instant.parse(batch.get("created_at").asText());
    assertThat(Instant.parse(batch.get("expires_at").asText())).isEqualTo(createdAt.plus(Duration.ofHours(24)));

    RawHttp.Reply early = get(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/results", ANTHROPIC_AUTH);
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(early.json().at("/error/message").asText()).contains(id, "has not ended");

    JsonNode ended = ended(id);
    assertThat(ended.get("request_counts")).isEqualTo(RawHttp.parse(
        "{\"processing\":0,\"succeeded\":1,\"errored\":1,\"canceled\":0,\"expired\":0}"));
    assertThat(Instant.parse(ended.get("ended_at").asText())).isEqualTo(createdAt.plusMillis(300));
    String resultsUrl = sim.baseUrl() + ANTHROPIC_BATCHES_PATH + "/" + id + "/results";
    assertThat(ended.get("results_url").asText()).isEqualTo(resultsUrl);

    RawHttp.Reply results = get(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/results", ANTHROPIC_AUTH);
    assertThat(results.status()).isEqualTo(200);
    assertThat(results.headers().get("content-type")).isEqualTo("application/x-jsonl");
    List<JsonNode> lines = Arrays.stream(results.body().split("\n")).map(RawHttp::parse).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("custom_id").asText()).isEqualTo("first");
    assertThat(lines.get(0).at("/result/type").asText()).isEqualTo("succeeded");
    ObjectNode message = (ObjectNode) lines.get(0).at("/result/message");
    ObjectNode direct = (ObjectNode) post(sim, ANTHROPIC_MESSAGES_PATH, ANTHROPIC_AUTH, PARAMS).json();
    assertThat(message.remove("id").asText()).startsWith("msg_");
    direct.remove("id");
    assertThat(message).isEqualTo(direct);
    assertThat(lines.get(1)).isEqualTo(RawHttp.parse("{\"custom_id\":\"no-limit\",\"result\":{\"type\":\"errored\","
        + "\"error\":{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"max_tokens: Field required\"}}}}"));
    // An ended batch's results do not change between reads.
    assertThat(get(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/results", ANTHROPIC_AUTH).body())
        .isEqualTo(results.body());
  }

  @Test
  void cancelsAndReportsTheUnfinishedRequestsAsCanceled() throws Exception {
    sim.batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofMinutes(10)));
    String id = create(request("a", PARAMS), request("b", PARAMS)).json().get("id").asText();

    RawHttp.Reply cancelled = post(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/cancel", ANTHROPIC_AUTH, "");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("processing_status").asText()).isEqualTo("canceling");
    Instant cancelInitiated = Instant.parse(cancelled.json().get("cancel_initiated_at").asText());
    JsonNode ended = ended(id);
    assertThat(ended.get("request_counts")).isEqualTo(RawHttp.parse(
        "{\"processing\":0,\"succeeded\":0,\"errored\":0,\"canceled\":2,\"expired\":0}"));
    assertThat(Instant.parse(ended.get("ended_at").asText()))
        .isEqualTo(cancelInitiated.plus(SimulatedBatch.CANCELLING_TIME));
    assertThat(get(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/results", ANTHROPIC_AUTH).body()).isEqualTo(
        "{\"custom_id\":\"a\",\"result\":{\"type\":\"canceled\"}}\n{\"custom_id\":\"b\",\"result\":{\"type\":\"canceled\"}}\n");
    // Cancelling again changes nothing.
    assertThat(post(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/cancel", ANTHROPIC_AUTH, "").json())
        .isEqualTo(ended);
  }

  @Test
  void countsEveryRequestAsProcessingUntilTheBatchEnds() throws Exception {
    // The first request finishes at 1 s, the second would at 2 s.
    sim.batchBehaviour(new BatchBehaviour(Duration.ZERO, Duration.ofSeconds(2), 0, null));
    JsonNode created = create(request("a", PARAMS), request("b", PARAMS)).json();
    String id = created.get("id").asText();
    Instant firstDone = Instant.parse(created.get("created_at").asText()).plusMillis(1100);
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(firstDone));

    JsonNode cancelling = post(sim, ANTHROPIC_BATCHES_PATH + "/" + id + "/cancel", ANTHROPIC_AUTH, "").json();

    assertThat(cancelling.get("processing_status").asText()).isEqualTo("canceling");
    assertThat(cancelling.get("request_counts")).isEqualTo(RawHttp.parse(
        "{\"processing\":2,\"succeeded\":0,\"errored\":0,\"canceled\":0,\"expired\":0}"));
    assertThat(ended(id).get("request_counts")).isEqualTo(RawHttp.parse(
        "{\"processing\":0,\"succeeded\":1,\"errored\":0,\"canceled\":1,\"expired\":0}"));
  }

  @Test
  void refusesAMalformedBatchAtCreation() throws Exception {
    String tooLong = "x".repeat(65);
    Map<String, String> refusals = Map.of(
        "{}", "requests: Field required",
        "{\"requests\":[]}", "requests: List should have at least 1 item after validation, not 0",
        "{\"requests\":[" + request("same", PARAMS) + "," + request("same", PARAMS) + "]}",
        "requests.1.custom_id: Duplicate custom_id 'same' (also requests.0); each custom_id must be unique within the batch",
        "{\"requests\":[" + request("has space", PARAMS) + "]}",
        "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$', but was 'has space'",
        "{\"requests\":[" + request(tooLong, PARAMS) + "]}",
        "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$', but was '" + tooLong + "'",
        "{\"requests\":[{\"custom_id\":\"a\"}]}", "requests.0.params: Field required",
        "{\"requests\":[{\"custom_id\":\"a\",\"params\":[]}]}", "requests.0.params: Input should be a valid dictionary");

    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      RawHttp.Reply reply = post(sim, ANTHROPIC_BATCHES_PATH, ANTHROPIC_AUTH, refusal.getKey());

      assertThat(reply.status()).as(refusal.getKey()).isEqualTo(400);
      assertThat(reply.json().get("type").asText()).isEqualTo("error");
      assertThat(reply.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(reply.json().at("/error/message").asText()).isEqualTo(refusal.getValue());
    }
  }

  @Test
  void requiresTheKeyAndVersionHeadersAndAKnownBatch() throws Exception {
    RawHttp.Reply noKey = post(sim, ANTHROPIC_BATCHES_PATH, Map.of("anthropic-version", "2023-06-01"),
        "{\"requests\":[" + request("a", PARAMS) + "]}");
    RawHttp.Reply noVersion = get(sim, ANTHROPIC_BATCHES_PATH + "/msgbatch_x", Map.of("x-api-key", "k"));
    RawHttp.Reply unknown = get(sim, ANTHROPIC_BATCHES_PATH + "/msgbatch_unknown", ANTHROPIC_AUTH);
    RawHttp.Reply noSuchPath = get(sim, ANTHROPIC_BATCHES_PATH + "/msgbatch_unknown/other", ANTHROPIC_AUTH);
    RawHttp.Reply wrongMethod = post(sim, ANTHROPIC_BATCHES_PATH + "/msgbatch_unknown/results", ANTHROPIC_AUTH, "");

    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.json().at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(noVersion.json().at("/error/message").asText()).isEqualTo("anthropic-version: header is required");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/type").asText()).isEqualTo("not_found_error");
    assertThat(unknown.json().at("/error/message").asText()).contains("msgbatch_unknown");
    assertThat(noSuchPath.status()).isEqualTo(404);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.headers().get("allow")).isEqualTo("GET");
  }
}
