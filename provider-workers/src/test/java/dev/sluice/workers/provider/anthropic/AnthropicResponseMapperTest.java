package dev.sluice.workers.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderException;
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

    ChatCompletion completion = AnthropicResponseMapper.toCompletion(200, body);

    assertThat(completion).isEqualTo(new ChatCompletion("Hello world", "length", 115, 7, 200, "claude-x"));
  }

  @Test
  void aBodyWithoutContentIsMalformed() throws Exception {
    JsonNode body = JSON.readTree("{\"type\":\"message\",\"usage\":{}}");

    assertThatThrownBy(() -> AnthropicResponseMapper.toCompletion(200, body))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.errorType()).isEqualTo("malformed_response");
          assertThat(e.retryable()).isTrue();
        })
        .hasMessageContaining("missing /content");
  }
}
