package dev.sluice.schemas.config;

/**
 * Idempotent requests: a request id seen again within the window gets the first outcome.
 *
 * @param windowMinutes how long a request id is remembered (default 24 h), in record time
 */
public record DedupeConfig(Integer windowMinutes) {
  public static final DedupeConfig DEFAULTS = new DedupeConfig(null);

  public DedupeConfig {
    windowMinutes = windowMinutes == null ? 24 * 60 : windowMinutes;
  }
}
