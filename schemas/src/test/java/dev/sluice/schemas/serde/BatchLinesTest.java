package dev.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchLinesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void successBecomesAnOpenAiBatchOutputLine() throws Exception {
    LlmReply reply = LlmReply.newBuilder().setRequestId("r-1").setStatus(ReplyStatus.OK).setContent("Kafka is a log.")
        .setFinishReason("stop").setUsage(new Usage(12, 5)).setProvider("openai").setModel("gpt-4o")
        .setCompletedAt(Instant.ofEpochSecond(1_800_000_000)).build();

    JsonNode line = json.readTree(BatchLines.outputLine(reply, "task-1"));

    assertThat(line.get("custom_id").asText()).isEqualTo("task-1");
    assertThat(line.get("error").isNull()).isTrue();
    assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
    assertThat(line.at("/response/body/choices/0/message/content").asText()).isEqualTo("Kafka is a log.");
    assertThat(line.at("/response/body/usage/total_tokens").asInt()).isEqualTo(17);
    assertThat(line.at("/response/body/model").asText()).isEqualTo("gpt-4o");
  }

  @Test
  void errorCarriesItsHttpStatusAndOpenAiErrorBody() throws Exception {
    LlmReply reply = LlmReply.newBuilder().setRequestId("r-2").setStatus(ReplyStatus.ERROR)
        .setError(ErrorCode.BUDGET_EXCEEDED.toError("org acme is over its daily limit", null))
        .setCompletedAt(Instant.ofEpochSecond(1_800_000_000)).build();

    JsonNode line = json.readTree(BatchLines.outputLine(reply, "task-2"));

    assertThat(line.at("/response/status_code").asInt()).isEqualTo(402);
    assertThat(line.at("/response/body/error/code").asText()).isEqualTo("budget_exceeded");
    assertThat(line.at("/response/body/error/type").asText()).isEqualTo("insufficient_quota");
    assertThat(line.at("/error/message").asText()).isEqualTo("org acme is over its daily limit");
  }
}
