package dev.sluice.schemas.config;

import dev.sluice.schemas.Lane;

/**
 * {@code batching:} in gateway.yaml: how the router groups requests per lane, and how deferred
 * requests use provider batch jobs. Interactive requests are never held.
 *
 * @param standard grouping of the standard lane
 * @param deferred grouping of the deferred lane (a group is one provider batch job's worth)
 * @param jobs provider batch jobs
 */
public record BatchingConfig(LaneBatching standard, LaneBatching deferred, BatchJobsConfig jobs) {
  public static final BatchingConfig DEFAULTS =
      new BatchingConfig(LaneBatching.STANDARD_DEFAULTS, LaneBatching.DEFERRED_DEFAULTS, BatchJobsConfig.DEFAULTS);

  /** These settings, with each field {@code override} sets replacing this one's. */
  public BatchingConfig overriddenBy(BatchingConfig override) {
    if (override == null) {
      return this;
    }
    return new BatchingConfig(standard.overriddenBy(override.standard), deferred.overriddenBy(override.deferred),
        jobs.overriddenBy(override.jobs));
  }

  /** The grouping of {@code lane}; null for the interactive lane, which is never grouped. */
  public LaneBatching lane(Lane lane) {
    return switch (lane) {
      case INTERACTIVE -> null;
      case STANDARD -> standard;
      case DEFERRED -> deferred;
    };
  }
}
