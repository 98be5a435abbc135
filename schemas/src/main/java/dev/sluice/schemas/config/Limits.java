package dev.sluice.schemas.config;

/**
 * Limits every request must respect.
 *
 * @param maxPromptChars characters over all messages of one request
 * @param maxOutputTokens the largest {@code max_tokens} a request may ask for
 * @param maxMessages messages in one request
 */
public record Limits(Integer maxPromptChars, Integer maxOutputTokens, Integer maxMessages) {
  public static final Limits DEFAULTS = new Limits(null, null, null);

  public Limits {
    maxPromptChars = maxPromptChars == null ? 200_000 : maxPromptChars;
    maxOutputTokens = maxOutputTokens == null ? 32_768 : maxOutputTokens;
    maxMessages = maxMessages == null ? 1_000 : maxMessages;
  }
}
