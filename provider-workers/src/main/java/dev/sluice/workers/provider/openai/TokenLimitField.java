package dev.sluice.workers.provider.openai;

/**
 * The request field that carries a call's completion token limit. OpenAI deprecated
 * {@code max_tokens} and its reasoning models reject it; many OpenAI-compatible servers know only it.
 */
public enum TokenLimitField {
  MAX_TOKENS("max_tokens"),
  MAX_COMPLETION_TOKENS("max_completion_tokens");

  private final String fieldName;

  TokenLimitField(String fieldName) {
    this.fieldName = fieldName;
  }

  public String fieldName() {
    return fieldName;
  }
}
