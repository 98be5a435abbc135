package dev.sluice.router.cache;

import dev.sluice.schemas.avro.CachePolicy;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.config.CacheConfig;
import java.util.List;

/**
 * What one request does with the cache, from its policy, its temperature and its route's settings.
 * With policy {@code default} only deterministic requests (temperature 0) use it: an answer
 * sampled at a higher temperature is one of many, and a caller who wants it reused says
 * {@code use}.
 *
 * @param lookup whether it may be answered from the cache
 * @param fill whether its answer may fill the cache
 * @param only whether a miss ends it with {@code cache_miss} instead of a provider call
 * @param exact whether exact matches count (the route's {@code exact})
 * @param semantic whether semantic matches count: the route's {@code semantic}, and a last message
 *     from the user to compare
 * @param similarityThreshold the least similarity of a semantic match
 * @param ttlMillis how long a filled entry answers
 * @param fillTruncated whether a truncated answer may fill
 */
public record CacheUse(boolean lookup, boolean fill, boolean only, boolean exact, boolean semantic,
    double similarityThreshold, long ttlMillis, boolean fillTruncated) {

  public static CacheUse of(LlmRequest request, CacheConfig settings) {
    CachePolicy policy = request.getCachePolicy();
    boolean deterministic = request.getTemperature() != null && request.getTemperature() == 0;
    boolean used = switch (policy) {
      case DEFAULT -> deterministic;
      case USE, REFRESH, ONLY -> true;
      case BYPASS -> false;
    };
    boolean exact = used && settings.exact();
    boolean semantic = used && settings.semantic() && question(request.getMessages()) != null;
    boolean any = exact || semantic;
    return new CacheUse(
        any && policy != CachePolicy.REFRESH,
        any && policy != CachePolicy.ONLY,
        policy == CachePolicy.ONLY,
        exact,
        semantic,
        settings.similarityThreshold(),
        settings.ttlSeconds() * 1000L,
        settings.fillTruncated());
  }

  /** Whether the request touches the cache at all. */
  public boolean any() {
    return lookup || fill;
  }

  /** What a semantic match compares: the last message, when the user sent it; else null. */
  public static String question(List<ChatMessage> messages) {
    if (messages.isEmpty()) {
      return null;
    }
    ChatMessage last = messages.getLast();
    return "user".equals(last.getRole()) ? last.getContent() : null;
  }
}
