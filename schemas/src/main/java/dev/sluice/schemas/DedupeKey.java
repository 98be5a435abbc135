package dev.sluice.schemas;

/**
 * The key under which the router remembers a request id, and under which its outcome comes back
 * on {@link TopicNames#OUTCOMES}. Scoped by org: the same request id from two orgs is two
 * requests, and one org never receives another's answer.
 */
public final class DedupeKey {
  private DedupeKey() {}

  public static String of(String org, String requestId) {
    return org + "/" + requestId;
  }
}
