package dev.sluice.workers.provider.anthropic;

import static dev.sluice.workers.provider.Calls.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.workers.provider.ChatCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicRequestMapperTest {

  @Test
  void movesSystemMessagesToTheTopAndJoinsTurnsOfOneRole() {
    ChatCall call = new ChatCall("claude-sonnet-4-5", List.of(
        message("system", "Be brief."),
        message("user", "Hi"),
        message("user", "Are you there?"),
        message("assistant", "Yes."),
        message("system", "Answer in French."),
        message("tool", "42")), 200, null, null);

    ObjectNode body = AnthropicRequestMapper.toBody(call);

    assertThat(body.toString()).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":200,"
        + "\"system\":\"Be brief.\\n\\nAnswer in French.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\\n\\nAre you there?\"},"
        + "{\"role\":\"assistant\",\"content\":\"Yes.\"},{\"role\":\"user\",\"content\":\"42\"}]}");
  }

  @Test
  void sendsTheDefaultLimitWhenTheCallHasNone() {
    ObjectNode body = AnthropicRequestMapper.toBody(ChatCall.of("c", List.of(message("user", "Hi"))));

    assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
    assertThat(body.has("system")).isFalse();
  }

  @Test
  void mapsTheOpenAiParametersThatHaveAnEquivalent() {
    ChatCall call = new ChatCall("c", List.of(message("user", "Hi")), 5, 1.7,
        "{\"top_p\":0.5,\"stop\":\"END\",\"user\":\"u-1\",\"seed\":3,\"response_format\":{\"type\":\"json_object\"}}");

    ObjectNode body = AnthropicRequestMapper.toBody(call);

    assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.5);
    assertThat(body.get("stop_sequences").toString()).isEqualTo("[\"END\"]");
    assertThat(body.at("/metadata/user_id").asText()).isEqualTo("u-1");
    assertThat(body.has("seed")).isFalse();
    assertThat(body.has("response_format")).isFalse();
  }
}
