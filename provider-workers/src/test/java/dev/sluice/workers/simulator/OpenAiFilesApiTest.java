package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_FILES_PATH;
import static dev.sluice.workers.simulator.RawHttp.OPENAI_AUTH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiFilesApiTest {
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  private static final String JSONL = "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n";

  @BeforeEach
  void resetCalls() {
    sim.resetCalls();
  }

  @Test
  void storesAnUploadAndServesItsFileObjectAndContent() throws Exception {
    RawHttp.Reply uploaded = RawHttp.upload(sim, "batch", "input.jsonl", JSONL);

    assertThat(uploaded.status()).isEqualTo(200);
    JsonNode file = uploaded.json();
    String id = file.get("id").asText();
    assertThat(id).startsWith("file-");
    assertThat(file.get("object").asText()).isEqualTo("file");
    assertThat(file.get("bytes").asInt()).isEqualTo(JSONL.getBytes(StandardCharsets.UTF_8).length);
    assertThat(file.get("created_at").asLong()).isBetween(Instant.now().getEpochSecond() - 5, Instant.now().getEpochSecond());
    assertThat(file.get("expires_at").asLong())
        .isEqualTo(file.get("created_at").asLong() + Duration.ofDays(30).toSeconds());
    assertThat(file.get("filename").asText()).isEqualTo("input.jsonl");
    assertThat(file.get("purpose").asText()).isEqualTo("batch");

    RawHttp.Reply retrieved = RawHttp.get(sim, OPENAI_FILES_PATH + "/" + id, OPENAI_AUTH);
    RawHttp.Reply content = RawHttp.get(sim, OPENAI_FILES_PATH + "/" + id + "/content", OPENAI_AUTH);

    assertThat(retrieved.status()).isEqualTo(200);
    assertThat(retrieved.json()).isEqualTo(file);
    assertThat(content.status()).isEqualTo(200);
    assertThat(content.headers().get("content-type")).isEqualTo("application/octet-stream");
    assertThat(content.body()).isEqualTo(JSONL);
    assertThat(sim.calls(OPENAI_FILES_PATH)).isEqualTo(3);
    assertThat(sim.counters().withStatus(200)).isEqualTo(3);
  }

  @Test
  void keepsFilesOfOtherPurposesWithoutExpiry() throws Exception {
    RawHttp.Reply uploaded = RawHttp.upload(sim, "user_data", "notes.txt", "hello");

    assertThat(uploaded.status()).isEqualTo(200);
    assertThat(uploaded.json().get("purpose").asText()).isEqualTo("user_data");
    assertThat(uploaded.json().get("expires_at").isNull()).isTrue();
  }

  @Test
  void refusesTheUploadsOpenAiRefusesWith400() throws Exception {
    RawHttp.Reply noPurpose = RawHttp.upload(sim, null, "input.jsonl", JSONL);
    RawHttp.Reply badPurpose = RawHttp.upload(sim, "batch_output", "input.jsonl", JSONL);
    RawHttp.Reply notJsonl = RawHttp.upload(sim, "batch", "input.csv", JSONL);
    RawHttp.Reply notMultipart = RawHttp.post(sim, OPENAI_FILES_PATH, OPENAI_AUTH, "{\"purpose\":\"batch\"}");

    assertThat(noPurpose.status()).isEqualTo(400);
    assertThat(noPurpose.json().at("/error/param").asText()).isEqualTo("purpose");
    assertThat(noPurpose.json().at("/error/code").asText()).isEqualTo("missing_required_parameter");
    assertThat(badPurpose.status()).isEqualTo(400);
    assertThat(badPurpose.json().at("/error/code").asText()).isEqualTo("invalid_value");
    assertThat(badPurpose.json().at("/error/message").asText()).startsWith("Invalid value: 'batch_output'.");
    assertThat(notJsonl.status()).isEqualTo(400);
    assertThat(notJsonl.json().at("/error/message").asText()).isEqualTo("Invalid file format for Batch API. Must be .jsonl");
    assertThat(notMultipart.status()).isEqualTo(400);
    assertThat(notMultipart.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(sim.counters().withStatus(400)).isEqualTo(4);
  }

  @Test
  void readsAQuotedBoundaryAndRefusesABrokenForm() throws Exception {
    String form = "--b 1\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
        + "--b 1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jsonl\"\r\n"
        + "Content-Type: application/jsonl\r\n\r\n" + JSONL + "\r\n--b 1--\r\n";

    RawHttp.Reply quoted = postForm("multipart/form-data; boundary=\"b 1\"", form);
    RawHttp.Reply broken = postForm("multipart/form-data; boundary=\"b 1\"", form.substring(0, form.length() - 12));

    assertThat(quoted.status()).isEqualTo(200);
    assertThat(quoted.json().get("bytes").asInt()).isEqualTo(JSONL.length());
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().at("/error/message").asText()).contains("has no closing boundary");
  }

  @Test
  void answersUnknownFilesAndPathsWith404AndCallsWithoutAKeyWith401() throws Exception {
    RawHttp.Reply unknown = RawHttp.get(sim, OPENAI_FILES_PATH + "/file-nope", OPENAI_AUTH);
    RawHttp.Reply unknownContent = RawHttp.get(sim, OPENAI_FILES_PATH + "/file-nope/content", OPENAI_AUTH);
    RawHttp.Reply otherPath = RawHttp.get(sim, OPENAI_FILES_PATH + "/file-nope/other", OPENAI_AUTH);
    RawHttp.Reply noKey = RawHttp.get(sim, OPENAI_FILES_PATH + "/file-nope");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/message").asText()).isEqualTo("No such File object: file-nope");
    assertThat(unknown.json().at("/error/param").asText()).isEqualTo("id");
    assertThat(unknownContent.status()).isEqualTo(404);
    assertThat(otherPath.status()).isEqualTo(404);
    assertThat(otherPath.json().at("/error/message").asText()).isEqualTo("Invalid URL (GET /v1/files/file-nope/other)");
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(sim.counters().withKey(null)).isEqualTo(1);
  }

  private static RawHttp.Reply postForm(String contentType, String form) throws Exception {
    Request.Builder request = new Request.Builder().url(sim.baseUrl() + OPENAI_FILES_PATH)
        .post(RequestBody.create(form, MediaType.get(contentType)));
    OPENAI_AUTH.forEach(request::header);
    return RawHttp.send(request.build());
  }
}
