package dev.sluice.schemas;

import dev.sluice.schemas.avro.CacheInvalidation;

/** What a cache invalidation selects, as the CLI prints it and the router's audit event records it. */
public final class CacheInvalidationSummary {
  private CacheInvalidationSummary() {}

  /** e.g. {@code namespace acme, route smart, tag pricing (reason: prices changed)}. */
  public static String of(CacheInvalidation invalidation) {
    return "namespace " + invalidation.getNamespace()
        + (invalidation.getRoute() == null ? "" : ", route " + invalidation.getRoute())
        + (invalidation.getTag() == null ? "" : ", tag " + invalidation.getTag())
        + (invalidation.getReason() == null ? "" : " (reason: " + invalidation.getReason() + ")");
  }
}
