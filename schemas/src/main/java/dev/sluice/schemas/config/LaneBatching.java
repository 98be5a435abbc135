package dev.sluice.schemas.config;

/**
 * How the router groups one lane's requests of one provider, model and org into one dispatch
 * record: a group is sent when it holds {@code maxItems} requests or {@code maxPromptChars}
 * prompt characters, or when its oldest request has waited {@code maxWaitMs}.
 *
 * @param maxItems requests per dispatch record
 * @param maxWaitMs how long the oldest request of a group may wait, wall-clock
 * @param maxPromptChars prompt characters per dispatch record, which keeps a record under Kafka's
 *     default 1 MB message size
 */
public record LaneBatching(Integer maxItems, Integer maxWaitMs, Integer maxPromptChars) {
  public static final int DEFAULT_MAX_PROMPT_CHARS = 200_000;
  public static final LaneBatching STANDARD_DEFAULTS = new LaneBatching(32, 10, DEFAULT_MAX_PROMPT_CHARS);
  public static final LaneBatching DEFERRED_DEFAULTS = new LaneBatching(1_000, 2_000, DEFAULT_MAX_PROMPT_CHARS);

  /** These settings, with each field {@code override} sets replacing this one's. */
  public LaneBatching overriddenBy(LaneBatching override) {
    if (override == null) {
      return this;
    }
    return new LaneBatching(
        override.maxItems != null ? override.maxItems : maxItems,
        override.maxWaitMs != null ? override.maxWaitMs : maxWaitMs,
        override.maxPromptChars != null ? override.maxPromptChars : maxPromptChars);
  }
}
