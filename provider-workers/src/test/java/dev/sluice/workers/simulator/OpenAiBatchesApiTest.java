package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_BATCHES_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_FILES_PATH;
import static dev.sluice.workers.simulator.RawHttp.OPENAI_AUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiBatchesApiTest {
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @BeforeEach
  void fastJobs() {
    sim.batchBehaviour(BatchBehaviour.fast());
  }

  @Test
  void runsABatchThroughValidatingAndInProgressToCompletedWithTheChatApisAnswers() throws Exception {
    sim.batchBehaviour(new BatchBehaviour(Duration.ofMillis(300), Duration.ofMillis(1500), 0, null));
    String fileId = upload(line("q1", "gpt-4o-mini", "Hello"), line("q2", "gpt-4o-mini", "What is Kafka?"),
        line("q3", "gpt-4o-mini", "Bye"));

    RawHttp.Reply created = RawHttp.post(sim, OPENAI_BATCHES_PATH, OPENAI_AUTH, RawHttp.json(Map.of(
        "input_file_id", fileId, "endpoint", OPENAI_CHAT_PATH, "completion_window", "24h",
        "metadata", Map.of("job", "nightly"))));

    assertThat(created.status()).isEqualTo(200);
    JsonNode batch = created.json();
    String id = batch.get("id").asText();
    assertThat(id).startsWith("batch_");
    assertThat(batch.get("object").asText()).isEqualTo("batch");
    assertThat(batch.get("endpoint").asText()).isEqualTo(OPENAI_CHAT_PATH);
    assertThat(batch.get("input_file_id").asText()).isEqualTo(fileId);
    assertThat(batch.get("completion_window").asText()).isEqualTo("24h");
    assertThat(batch.get("status").asText()).isEqualTo("validating");
    assertThat(batch.get("errors").isNull()).isTrue();
    assertThat(batch.get("output_file_id").isNull()).isTrue();
    assertThat(batch.get("in_progress_at").isNull()).isTrue();
    assertThat(batch.get("expires_at").asLong()).isEqualTo(batch.get("created_at").asLong() + 86_400);
    assertThat(batch.get("request_counts")).isEqualTo(RawHttp.JSON.readTree("{\"total\":0,\"completed\":0,\"failed\":0}"));
    assertThat(batch.at("/metadata/job").asText()).isEqualTo("nightly");

    JsonNode running = awaitStatus(id, "in_progress");
    assertThat(running.get("in_progress_at").asLong()).isGreaterThanOrEqualTo(batch.get("created_at").asLong());
    assertThat(running.at("/request_counts/total").asInt()).isEqualTo(3);

    JsonNode completed = awaitStatus(id, "completed");
    assertThat(completed.at("/request_counts/completed").asInt()).isEqualTo(3);
    assertThat(completed.at("/request_counts/failed").asInt()).isZero();
    assertThat(completed.get("completed_at").isNull()).isFalse();
    assertThat(completed.get("finalizing_at").isNull()).isFalse();
    assertThat(completed.get("error_file_id").isNull()).isTrue();
    List<JsonNode> output = fileLines(completed.get("output_file_id").asText());
    assertThat(output).extracting(resultLine -> resultLine.get("custom_id").asText()).containsExactly("q1", "q2", "q3");
    JsonNode second = output.get(1);
    assertThat(second.get("id").asText()).startsWith("batch_req_");
    assertThat(second.get("error").isNull()).isTrue();
    assertThat(second.at("/response/status_code").asInt()).isEqualTo(200);
    assertThat(second.at("/response/request_id").asText()).startsWith("req_");
    JsonNode direct = RawHttp.post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, body("gpt-4o-mini", "What is Kafka?").toString()).json();
    assertThat(withoutIdAndTime(second.at("/response/body"))).isEqualTo(withoutIdAndTime(direct));
    assertThat(awaitStatus(id, "completed").get("output_file_id")).isEqualTo(completed.get("output_file_id"));
  }

  @Test
  void endsRequestsTheChatApiRefusesAndProviderErrorsInTheErrorFile() throws Exception {
    sim.batchBehaviour(BatchBehaviour.fast().withErrorEvery(3));
    ObjectNode noMessages = body("m", "x");
    noMessages.putArray("messages");
    String fileId = upload(line("ok-1", "m", "a"), "{\"custom_id\":\"empty\",\"method\":\"POST\",\"url\":\"" + OPENAI_CHAT_PATH
        + "\",\"body\":" + noMessages + "}", line("boom", "m", "c"), line("ok-2", "m", "d"));

    JsonNode completed = awaitStatus(create(fileId).get("id").asText(), "completed");

    assertThat(completed.get("request_counts"))
        .isEqualTo(RawHttp.JSON.readTree("{\"total\":4,\"completed\":2,\"failed\":2}"));
    assertThat(fileLines(completed.get("output_file_id").asText()))
        .extracting(resultLine -> resultLine.get("custom_id").asText()).containsExactly("ok-1", "ok-2");
    List<JsonNode> errors = fileLines(completed.get("error_file_id").asText());
    assertThat(errors).extracting(resultLine -> resultLine.get("custom_id").asText()).containsExactly("empty", "boom");
    assertThat(errors.get(0).at("/response/status_code").asInt()).isEqualTo(400);
    assertThat(errors.get(0).at("/response/body/error/code").asText()).isEqualTo("empty_array");
    assertThat(errors.get(0).get("error").isNull()).isTrue();
    assertThat(errors.get(1).at("/response/status_code").asInt()).isEqualTo(500);
    assertThat(errors.get(1).at("/response/body/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void expiresTheRequestsNotFinishedInTime() throws Exception {
    sim.batchBehaviour(new BatchBehaviour(Duration.ofMillis(50), Duration.ofMillis(1000), 0, Duration.ofMillis(300)));
    String fileId = upload(line("a", "m", "1"), line("b", "m", "2"), line("c", "m", "3"), line("d", "m", "4"));

    JsonNode expired = awaitStatus(create(fileId).get("id").asText(), "expired");

    assertThat(expired.get("expired_at").isNull()).isFalse();
    assertThat(expired.get("expires_at").asLong()).isEqualTo(expired.get("expired_at").asLong());
    assertThat(expired.get("request_counts"))
        .isEqualTo(RawHttp.JSON.readTree("{\"total\":4,\"completed\":1,\"failed\":3}"));
    assertThat(fileLines(expired.get("output_file_id").asText()))
        .extracting(resultLine -> resultLine.get("custom_id").asText()).containsExactly("a");
    List<JsonNode> errors = fileLines(expired.get("error_file_id").asText());
    assertThat(errors).extracting(resultLine -> resultLine.get("custom_id").asText()).containsExactly("b", "c", "d");
    assertThat(errors.get(0).get("response").isNull()).isTrue();
    assertThat(errors.get(0).get("error")).isEqualTo(RawHttp.JSON.readTree("{\"code\":\"batch_expired\",\"message\":"
        + "\"This request could not be executed before the completion window expired.\"}"));
  }

  @Test
  void cancelsABatchThroughCancellingAndRefusesToCancelAnEndedOne() throws Exception {
    sim.batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofSeconds(2)));
    String id = create(upload(line("a", "m", "1"), line("b", "m", "2"))).get("id").asText();

    RawHttp.Reply cancelling = RawHttp.post(sim, OPENAI_BATCHES_PATH + "/" + id + "/cancel", OPENAI_AUTH, "");

    assertThat(cancelling.status()).isEqualTo(200);
    assertThat(cancelling.json().get("status").asText()).isEqualTo("cancelling");
    assertThat(cancelling.json().get("cancelling_at").isNull()).isFalse();
    JsonNode cancelled = awaitStatus(id, "cancelled");
    assertThat(cancelled.get("cancelled_at").isNull()).isFalse();
    assertThat(cancelled.get("output_file_id").isNull()).isTrue();
    List<JsonNode> errors = fileLines(cancelled.get("error_file_id").asText());
    assertThat(errors).extracting(resultLine -> resultLine.at("/error/code").asText())
        .containsExactly("batch_cancelled", "batch_cancelled");
    assertThat(RawHttp.post(sim, OPENAI_BATCHES_PATH + "/" + id + "/cancel", OPENAI_AUTH, "").json()
        .get("status").asText()).isEqualTo("cancelled");

    sim.batchBehaviour(BatchBehaviour.fast());
    String done = create(upload(line("a", "m", "1"))).get("id").asText();
    awaitStatus(done, "completed");
    RawHttp.Reply refused = RawHttp.post(sim, OPENAI_BATCHES_PATH + "/" + done + "/cancel", OPENAI_AUTH, "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/message").asText()).isEqualTo("Cannot cancel a batch with status 'completed'.");
  }

  @Test
  void failsABatchWhoseInputFileBreaksTheRules() throws Exception {
    String fileId = upload(line("a", "m", "1"), line("a", "m", "2"),
        "{\"custom_id\":\"c\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":" + body("m", "3") + "}",
        line("d", "other-model", "4"), "not json", "{\"custom_id\":\"f\",\"method\":\"GET\",\"url\":\""
            + OPENAI_CHAT_PATH + "\"}");

    JsonNode created = create(fileId);
    JsonNode failed = awaitStatus(created.get("id").asText(), "failed");

    assertThat(created.get("status").asText()).isEqualTo("validating");
    assertThat(failed.get("failed_at").isNull()).isFalse();
    assertThat(failed.get("in_progress_at").isNull()).isTrue();
    assertThat(failed.get("output_file_id").isNull()).isTrue();
    assertThat(failed.get("error_file_id").isNull()).isTrue();
    assertThat(failed.at("/request_counts/total").asInt()).isZero();
    assertThat(failed.at("/errors/object").asText()).isEqualTo("list");
    assertThat(failed.at("/errors/data")).extracting(error -> error.get("code").asText() + "@" + error.get("line").asInt())
        .containsExactly("duplicate_custom_id@2", "invalid_url@3", "mismatched_model@4", "invalid_json_line@5",
            "invalid_value@6", "missing_required_parameter@6");
    assertThat(failed.at("/errors/data/5/param").asText()).isEqualTo("body");
  }

  @Test
  void refusesToCreateTheBatchesOpenAiRefuses() throws Exception {
    String fileId = upload(line("a", "m", "1"));
    String userData = RawHttp.upload(sim, "user_data", "notes.jsonl", line("a", "m", "1")).json().get("id").asText();

    RawHttp.Reply badWindow = createReply(fileId, OPENAI_CHAT_PATH, "48h");
    RawHttp.Reply badEndpoint = createReply(fileId, "/v1/embeddings", "24h");
    RawHttp.Reply unknownFile = createReply("file-missing", OPENAI_CHAT_PATH, "24h");
    RawHttp.Reply wrongPurpose = createReply(userData, OPENAI_CHAT_PATH, "24h");
    RawHttp.Reply noFile = RawHttp.post(sim, OPENAI_BATCHES_PATH, OPENAI_AUTH,
        "{\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
    RawHttp.Reply unknownBatch = RawHttp.get(sim, OPENAI_BATCHES_PATH + "/batch_missing", OPENAI_AUTH);

    assertThat(List.of(badWindow, badEndpoint, unknownFile, wrongPurpose, noFile))
        .extracting(RawHttp.Reply::status).containsOnly(400);
    assertThat(badWindow.json().at("/error/param").asText()).isEqualTo("completion_window");
    assertThat(badWindow.json().at("/error/message").asText()).isEqualTo("Invalid value: '48h'. Supported values are: '24h'.");
    assertThat(badEndpoint.json().at("/error/param").asText()).isEqualTo("endpoint");
    assertThat(unknownFile.json().at("/error/message").asText()).startsWith("Cannot find file file-missing");
    assertThat(wrongPurpose.json().at("/error/param").asText()).isEqualTo("input_file_id");
    assertThat(wrongPurpose.json().at("/error/message").asText()).contains("purpose 'user_data'");
    assertThat(noFile.json().at("/error/code").asText()).isEqualTo("missing_required_parameter");
    assertThat(unknownBatch.status()).isEqualTo(404);
    assertThat(unknownBatch.json().at("/error/message").asText()).isEqualTo("No such Batch object: batch_missing");
    assertThat(sim.calls(OPENAI_BATCHES_PATH)).isGreaterThanOrEqualTo(6);
  }

  static String line(String customId, String model, String userText) {
    return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"" + OPENAI_CHAT_PATH + "\",\"body\":"
        + body(model, userText) + "}";
  }

  private static ObjectNode body(String model, String userText) {
    ObjectNode body = RawHttp.JSON.createObjectNode().put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", userText);
    return body;
  }

  private static String upload(String... lines) throws IOException {
    RawHttp.Reply reply = RawHttp.upload(sim, "batch", "input.jsonl", String.join("\n", lines) + "\n");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get("id").asText();
  }

  private static JsonNode create(String fileId) throws IOException {
    RawHttp.Reply reply = createReply(fileId, OPENAI_CHAT_PATH, "24h");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  private static RawHttp.Reply createReply(String fileId, String endpoint, String window) throws IOException {
    return RawHttp.post(sim, OPENAI_BATCHES_PATH, OPENAI_AUTH, RawHttp.json(Map.of(
        "input_file_id", fileId, "endpoint", endpoint, "completion_window", window)));
  }

  private static JsonNode awaitStatus(String id, String status) {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> RawHttp.get(sim, OPENAI_BATCHES_PATH + "/" + id, OPENAI_AUTH).json(),
            batch -> status.equals(batch.get("status").asText()));
  }

  private static List<JsonNode> fileLines(String fileId) throws IOException {
    RawHttp.Reply content = RawHttp.get(sim, OPENAI_FILES_PATH + "/" + fileId + "/content", OPENAI_AUTH);
    assertThat(content.status()).isEqualTo(200);
    return content.body().lines().map(text -> {
      try {
        return RawHttp.JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  private static JsonNode withoutIdAndTime(JsonNode completion) {
    ObjectNode copy = completion.deepCopy();
    copy.remove(List.of("id", "created"));
    return copy;
  }
}
