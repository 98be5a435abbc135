package dev.sluice.workers.provider;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a provider's rate-limit response headers said about the calling key's quotas.
 *
 * @param requests the request quota, or null when the response carried none
 * @param tokens   the token quota, or null when the response carried none
 */
public record RateLimitStatus(Quota requests, Quota tokens) {

  /** A response without rate-limit headers. */
  public static final RateLimitStatus NONE = new RateLimitStatus(null, null);

  /**
   * One quota of one key.
   *
   * @param limit     what the key may use per window
   * @param remaining what is left of it
   * @param resetAt   when the provider refills it
   */
  public record Quota(long limit, long remaining, Instant resetAt) {

    /** True when less than {@code fraction} of the limit is left. */
    boolean isBelow(double fraction) {
      return limit > 0 && remaining < fraction * limit;
    }
  }

  /**
   * Until when the key should be spared: the latest reset time among its quotas that have fallen
   * below {@code fraction} of their limit; empty when none has.
   */
  public Optional<Instant> lowUntil(double fraction) {
    return Stream.of(requests, tokens)
        .filter(quota -> quota != null && quota.isBelow(fraction))
        .map(Quota::resetAt)
        .max(Instant::compareTo);
  }
}
