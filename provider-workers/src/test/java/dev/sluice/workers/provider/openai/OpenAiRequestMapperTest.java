package dev.sluice.workers.provider.openai;

import static dev.sluice.workers.provider.Calls.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.workers.provider.ChatCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRequestMapperTest {

  @Test
  void mergesExtraParametersUnderTheCallsOwnFields() {
    ChatCall call = new ChatCall("gpt-4o-mini",
        List.of(message("system", "Be brief."), new ChatMessage("user", "Hi", "ada")),
        64, 0.2, "{\"top_p\":0.9,\"seed\":7,\"model\":\"other\",\"temperature\":1.5,\"max_tokens\":9,\"stream\":true}");

    ObjectNode body = OpenAiRequestMapper.toBody(call, TokenLimitField.MAX_COMPLETION_TOKENS);

    assertThat(body.toString()).isEqualTo("{\"top_p\":0.9,\"seed\":7,\"model\":\"gpt-4o-mini\",\"temperature\":0.2,"
        + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"ada\"}],"
        + "\"max_completion_tokens\":64}");
  }

  @Test
  void putsTheLimitInTheFieldTheServerKnows() {
    ChatCall call = new ChatCall("llama3", List.of(message("user", "Hi")), 10, null, null);

    ObjectNode body = OpenAiRequestMapper.toBody(call, TokenLimitField.MAX_TOKENS);

    assertThat(body.get("max_tokens").asInt()).isEqualTo(10);
    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(body.has("temperature")).isFalse();
  }

  @Test
  void leavesACallersOwnLimitAloneWhenTheCallSetsNone() {
    ChatCall call = new ChatCall("o3", List.of(message("user", "Hi")), null, null, "{\"max_completion_tokens\":5}");

    ObjectNode body = OpenAiRequestMapper.toBody(call, TokenLimitField.MAX_TOKENS);

    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(5);
    assertThat(body.has("max_tokens")).isFalse();
  }
}
