package dev.sluice.workers.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.RateLimitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "end_turn, stop", "stop_sequence, stop", "pause_turn, stop",
      "max_tokens, length", "model_context_window_exceeded, length",
      "tool_use, tool_calls", "refusal, content_filter"})
  void mapsStopReasonsToFinishReasons(String stopReason, String finishReason) {
    assertThat(AnthropicResponseMapper.finishReason(stopReason)).isEqualTo(finishReason);
  }

  @Test
  void joinsTextBlocksAndCountsCachedPromptTokens() throws Exception {
    JsonNode body = JSON.readTree("""
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
         "content":[{"type":"text","text":"Hello "},{"type":"tool_use","id":"t","name":"f","input":{}},
                    {"type":"text","text":"world"}],
         "stop_reason":"max_tokens","stop_sequence":null,
         "usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":7}}
        """);

    ChatCompletion completion = AnthropicResponseMapper.toCompletion(200, body, RateLimitStatus.NONE);

    assertThat(completion).isEqualTo(new ChatCompletion("Hello world", "length", 115, 7, 200, "claude-x"));
  }

  @Test
  void aBodyWithoutContentIsMalformed() throws Exception {
    JsonNode body = JSON.readTree("{\"type\":\"message\",\"usage\":{}}");

    assertThatThrownBy(() -> AnthropicResponseMapper.toCompletion(200, body, RateLimitStatus.NONE))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.errorType()).isEqualTo("malformed_response");
          assertThat(e.retryable()).isTrue();
        })
        .hasMessageContaining("missing /content");
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "invalid_request_error | prompt is too long: 210000 tokens > 200000 maximum | context_length_exceeded",
      "invalid_request_error | Output blocked by content filtering policy         | content_policy_violation",
      "invalid_request_error | max_tokens: Field required                         | invalid_request_error",
      "overloaded_error      | Overloaded                                         | overloaded_error"})
  void givesContextLengthAndContentPolicyTheirStableTypes(String type, String message, String expected) throws Exception {
    JsonNode body = JSON.readTree(JSON.createObjectNode().put("type", "error")
        .set("error", JSON.createObjectNode().put("type", type).put("message", message)).toString());

    assertThat(AnthropicResponseMapper.readError(body).type()).isEqualTo(expected);
  }
}
