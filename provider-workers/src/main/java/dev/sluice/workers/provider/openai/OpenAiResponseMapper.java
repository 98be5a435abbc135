package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.FinishReasons;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp.ErrorDetail;

/** Reads Chat Completions responses and error bodies. */
final class OpenAiResponseMapper {

  private OpenAiResponseMapper() {}

  static ChatCompletion toCompletion(int status, JsonNode body) {
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
        JsonBodies.textOrNull(body, "/model"));
  }

  /** {@code {"error":{"message","type","param","code"}}}; the code is more specific than the type when present. */
  static ErrorDetail readError(JsonNode body) {
    String code = JsonBodies.textOrNull(body, "/error/code");
    String type = code != null ? code : JsonBodies.textOrNull(body, "/error/type");
    return new ErrorDetail(type, JsonBodies.textOrNull(body, "/error/message"));
  }
}
