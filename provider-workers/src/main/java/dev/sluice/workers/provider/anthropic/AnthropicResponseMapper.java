package dev.sluice.workers.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.FinishReasons;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp.ErrorDetail;
import java.util.Locale;

/** Reads Messages API responses and error bodies into our contract. */
final class AnthropicResponseMapper {

  private AnthropicResponseMapper() {}

  static ChatCompletion toCompletion(int status, JsonNode body, RateLimitStatus rateLimits) {
    JsonNode content = JsonBodies.require(body, "/content", status);
    if (!content.isArray()) {
      throw ProviderErrorClassifier.malformedResponse(status, "/content is not an array");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText());
      }
    }
    String finishReason = finishReason(JsonBodies.textOrNull(body, "/stop_reason"));
    // input_tokens excludes cached prompt tokens; adding them gives the whole prompt, as OpenAI reports it.
    int inputTokens = JsonBodies.intOrZero(body, "/usage/input_tokens")
        + JsonBodies.intOrZero(body, "/usage/cache_creation_input_tokens")
        + JsonBodies.intOrZero(body, "/usage/cache_read_input_tokens");
    return new ChatCompletion(
        text.toString(),
        finishReason,
        inputTokens,
        JsonBodies.intOrZero(body, "/usage/output_tokens"),
        status,
        JsonBodies.textOrNull(body, "/model"),
        rateLimits);
  }

  /** https://docs.anthropic.com/en/api/handling-stop-reasons mapped to OpenAI's finish reasons. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return FinishReasons.STOP;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> FinishReasons.LENGTH;
      case "tool_use" -> FinishReasons.TOOL_CALLS;
      case "refusal" -> FinishReasons.CONTENT_FILTER;
      default -> FinishReasons.STOP;
    };
  }

  /**
   * {@code {"type":"error","error":{"type","message"}}}. The API has no distinct types for a prompt
   * beyond the context window ("prompt is too long: 210000 tokens > 200000 maximum") or for output
   * blocked by its content filter; both come as {@code invalid_request_error} and are told apart
   * by their message.
   */
  static ErrorDetail readError(JsonNode body) {
    String type = JsonBodies.textOrNull(body, "/error/type");
    String message = JsonBodies.textOrNull(body, "/error/message");
    String lowerMessage = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if ("invalid_request_error".equals(type) && lowerMessage.contains("prompt is too long")) {
      type = ProviderErrorClassifier.CONTEXT_LENGTH;
    } else if ("invalid_request_error".equals(type) && lowerMessage.contains("content filtering policy")) {
      type = ProviderErrorClassifier.CONTENT_POLICY;
    }
    return new ErrorDetail(type, message);
  }
}
