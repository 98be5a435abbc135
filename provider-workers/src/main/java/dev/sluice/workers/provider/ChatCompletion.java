package dev.sluice.workers.provider;

/**
 * A provider's successful answer, mapped to our contract.
 *
 * @param content      the assistant text; empty (never null) when the provider returned none
 * @param finishReason OpenAI vocabulary: {@code stop}, {@code length}, {@code tool_calls},
 *                     {@code content_filter} (see {@link FinishReasons})
 * @param inputTokens  prompt tokens as reported by the provider; 0 when it reported no usage
 * @param outputTokens completion tokens as reported by the provider; 0 when it reported no usage
 * @param httpStatus   the HTTP status of the response (2xx)
 * @param model        the model name the provider reported (may be more specific than asked), or null
 */
public record ChatCompletion(
    String content,
    String finishReason,
    int inputTokens,
    int outputTokens,
    int httpStatus,
    String model) {

  /** True when the provider stopped because of the length limit. */
  public boolean truncated() {
    return FinishReasons.LENGTH.equals(finishReason);
  }
}
