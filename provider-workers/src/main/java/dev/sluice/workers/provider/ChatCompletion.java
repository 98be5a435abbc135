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
 * @param rateLimits   the key's quotas as the response headers reported them
 */
public record ChatCompletion(
    String content,
    String finishReason,
    int inputTokens,
    int outputTokens,
    int httpStatus,
    String model,
    RateLimitStatus rateLimits) {

  public ChatCompletion {
    rateLimits = rateLimits == null ? RateLimitStatus.NONE : rateLimits;
  }

  /** An answer whose response carried no rate-limit headers. */
  public ChatCompletion(String content, String finishReason, int inputTokens, int outputTokens, int httpStatus,
      String model) {
    this(content, finishReason, inputTokens, outputTokens, httpStatus, model, RateLimitStatus.NONE);
  }

  /**
   * True when the answer ended early: at the length limit, or cut by the provider's content
   * filter. Such an answer is never reported as a clean success.
   */
  public boolean truncated() {
    return FinishReasons.LENGTH.equals(finishReason) || FinishReasons.CONTENT_FILTER.equals(finishReason);
  }
}
