package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.FinishReasons;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp.ErrorDetail;
import java.util.Locale;
import java.util.Set;

/** Reads Chat Completions responses and error bodies. */
final class OpenAiResponseMapper {

  // https://platform.openai.com/docs/guides/error-codes: the codes a moderation refusal comes with.
  private static final Set<String> CONTENT_POLICY_CODES = Set.of("content_policy_violation", "content_filter");

  private OpenAiResponseMapper() {}

  static ChatCompletion toCompletion(int status, JsonNode body, RateLimitStatus rateLimits) {
    JsonNode choice = JsonBodies.require(body, "/choices/0", status);
    String content = JsonBodies.textOrNull(choice, "/message/content");
    String finishReason = JsonBodies.textOrNull(choice, "/finish_reason");
    // Some compatible servers leave finish_reason null on a normal end.
    String reason = finishReason == null ? FinishReasons.STOP : finishReason;
    return new ChatCompletion(
        content == null ? "" : content,
        reason,
        JsonBodies.intOrZero(body, "/usage/prompt_tokens"),
        JsonBodies.intOrZero(body, "/usage/completion_tokens"),
        status,
        JsonBodies.textOrNull(body, "/model"),
        rateLimits);
  }

  /**
   * {@code {"error":{"message","type","param","code"}}}; the code is more specific than the type
   * when present. Context-length and content-policy refusals get our stable types, since
   * compatible servers word them differently (some send only the message).
   */
  static ErrorDetail readError(JsonNode body) {
    String code = JsonBodies.textOrNull(body, "/error/code");
    String message = JsonBodies.textOrNull(body, "/error/message");
    String lowerMessage = message == null ? "" : message.toLowerCase(Locale.ROOT);
    String type;
    if ("context_length_exceeded".equals(code) || lowerMessage.contains("maximum context length")) {
      type = ProviderErrorClassifier.CONTEXT_LENGTH;
    } else if (code != null && CONTENT_POLICY_CODES.contains(code)) {
      type = ProviderErrorClassifier.CONTENT_POLICY;
    } else {
      type = code != null ? code : JsonBodies.textOrNull(body, "/error/type");
    }
    return new ErrorDetail(type, message);
  }
}
