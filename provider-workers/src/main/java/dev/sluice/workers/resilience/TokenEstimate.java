package dev.sluice.workers.resilience;

/**
 * The tokens a call is charged against a key's tokens-per-minute limit before it is sent: the
 * prompt at four characters a token, plus the completion limit. Rough on purpose: providers count
 * with their own tokenizers, and the limiter only has to keep a key near its quota, which the
 * provider's own rate-limit headers then report exactly.
 */
public final class TokenEstimate {

  static final int CHARS_PER_TOKEN = 4;
  /** Counted for a call without {@code max_tokens}; what the Anthropic adapter sends in that case. */
  public static final int DEFAULT_OUTPUT_TOKENS = 1024;

  private TokenEstimate() {}

  /** @param maxTokens the call's completion limit, or null */
  public static int of(int promptChars, Integer maxTokens) {
    long prompt = (Math.max(0L, promptChars) + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    long output = maxTokens == null ? DEFAULT_OUTPUT_TOKENS : maxTokens;
    return (int) Math.min(Integer.MAX_VALUE, prompt + output);
  }
}
