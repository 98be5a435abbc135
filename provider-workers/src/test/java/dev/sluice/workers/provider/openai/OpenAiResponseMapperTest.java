package dev.sluice.workers.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiResponseMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "code {0}, type {1} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "context_length_exceeded | invalid_request_error | This model's maximum context length is 128000 tokens. | context_length_exceeded",
      "                        | invalid_request_error | This model's maximum context length is 8192 tokens.   | context_length_exceeded",
      "content_policy_violation | invalid_request_error | Your request was rejected by our safety system.      | content_policy_violation",
      "content_filter          | invalid_request_error | The response was filtered.                           | content_policy_violation",
      "invalid_api_key         | invalid_request_error | Incorrect API key provided.                          | invalid_api_key",
      "                        | server_error          | The server had an error.                             | server_error"})
  void givesContextLengthAndContentPolicyTheirStableTypes(String code, String type, String message, String expected)
      throws Exception {
    var body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("type", type).put("message", message);

    assertThat(OpenAiResponseMapper.readError(JSON.readTree(body.toString())).type()).isEqualTo(expected);
  }
}
