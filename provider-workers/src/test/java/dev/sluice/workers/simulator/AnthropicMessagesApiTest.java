package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.ANTHROPIC_MESSAGES_PATH;
import static dev.sluice.workers.simulator.RawHttp.ANTHROPIC_AUTH;
import static dev.sluice.workers.simulator.RawHttp.post;
import static dev.sluice.workers.simulator.Tokenizers.CL100K;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AnthropicMessagesApiTest {
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @Test
  void answersInAnthropicsShapeCountingSystemAndBlocks() throws Exception {
    String request = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Name a log\"}]}]}";

    RawHttp.Reply reply = post(sim, ANTHROPIC_MESSAGES_PATH, ANTHROPIC_AUTH, request);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.get("id").asText()).startsWith("msg_");
    assertThat(body.get("type").asText()).isEqualTo("message");
    assertThat(body.get("role").asText()).isEqualTo("assistant");
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
    String text = body.at("/content/0/text").asText();
    assertThat(text).isEqualTo("This is a simulated reply from claude-sonnet-4-5 to: Name a log");
    assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.get("stop_sequence").isNull()).isTrue();
    int expectedInput = CL100K.countTokens("Be brief.") + 3 * 3
        + CL100K.countTokens("Hi") + CL100K.countTokens("Hello!") + CL100K.countTokens("Name a log");
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(expectedInput);
    assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(CL100K.countTokens(text));
  }

  @Test
  void stopsAtMaxTokensWithStopReasonMaxTokens() throws Exception {
    RawHttp.Reply reply = post(sim, ANTHROPIC_MESSAGES_PATH, ANTHROPIC_AUTH,
        "{\"model\":\"c\",\"max_tokens\":3,\"system\":\"s\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(reply.json().at("/content/0/text").asText()).isEqualTo("This is a");
    assertThat(reply.json().get("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(reply.json().at("/usage/output_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void requiresMaxTokens() throws Exception {
    RawHttp.Reply reply = post(sim, ANTHROPIC_MESSAGES_PATH, ANTHROPIC_AUTH,
        "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("type").asText()).isEqualTo("error");
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(reply.json().at("/error/message").asText()).isEqualTo("max_tokens: Field required");
  }

  @Test
  void rejectsASystemRoleInsideMessages() throws Exception {
    RawHttp.Reply reply = post(sim, ANTHROPIC_MESSAGES_PATH, ANTHROPIC_AUTH,
        "{\"model\":\"c\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/message").asText()).startsWith("messages: Unexpected role \"system\"");
  }

  @Test
  void requiresTheKeyAndVersionHeaders() throws Exception {
    String request = "{\"model\":\"c\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    RawHttp.Reply noKey = post(sim, ANTHROPIC_MESSAGES_PATH, Map.of("anthropic-version", "2023-06-01"), request);
    RawHttp.Reply noVersion = post(sim, ANTHROPIC_MESSAGES_PATH, Map.of("x-api-key", "k"), request);

    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.json().at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(noVersion.json().at("/error/message").asText()).isEqualTo("anthropic-version: header is required");
  }
}
