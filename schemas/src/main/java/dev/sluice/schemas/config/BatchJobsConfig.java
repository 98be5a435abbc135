package dev.sluice.schemas.config;

/**
 * How deferred requests use the providers' batch APIs (OpenAI Batch, Anthropic Message Batches).
 *
 * @param enabled whether deferred requests go to batch jobs at all; when off they are called in
 *     realtime on the deferred lane
 * @param minMinutesToDeadline a deferred request goes to a batch job only when its deadline is at
 *     least this far away (or it has none); a job still running this close to an item's deadline
 *     is cancelled and its unfinished items are called in realtime
 * @param pollIntervalMs how often a running job's status is asked for
 */
public record BatchJobsConfig(Boolean enabled, Integer minMinutesToDeadline, Integer pollIntervalMs) {
  public static final BatchJobsConfig DEFAULTS = new BatchJobsConfig(true, 60, 30_000);

  public BatchJobsConfig overriddenBy(BatchJobsConfig override) {
    if (override == null) {
      return this;
    }
    return new BatchJobsConfig(
        override.enabled != null ? override.enabled : enabled,
        override.minMinutesToDeadline != null ? override.minMinutesToDeadline : minMinutesToDeadline,
        override.pollIntervalMs != null ? override.pollIntervalMs : pollIntervalMs);
  }
}
