package dev.sluice.schemas.config;

/**
 * How replies are cached: {@code cache:} at the top of gateway.yaml sets the defaults, and
 * {@code cache:} under a route overrides them field by field. Requests for {@code provider/model}
 * use the top-level settings.
 *
 * @param exact whether a request can be answered by an earlier one with the same canonical form
 *     (tenant, route, messages, every output-changing parameter); default on
 * @param semantic whether a request can be answered by an earlier one whose last user message
 *     means the same (embedding similarity), all else equal; default off, since every request
 *     that may use it is embedded
 * @param ttlSeconds how long an entry answers after it was filled; default 1 h
 * @param similarityThreshold the least cosine similarity of a semantic hit, in (0, 1]
 * @param fillTruncated whether an answer cut off by its length limit may fill the cache; default no
 */
public record CacheConfig(Boolean exact, Boolean semantic, Integer ttlSeconds, Double similarityThreshold,
    Boolean fillTruncated) {
  /**
   * The similarity threshold chosen on the labelled evaluation set in
   * {@code bench/src/main/resources/cache-eval} (see the README, "Semantic cache").
   */
  public static final double DEFAULT_SIMILARITY_THRESHOLD = 0.95;
  public static final CacheConfig DEFAULTS =
      new CacheConfig(true, false, 3600, DEFAULT_SIMILARITY_THRESHOLD, false);

  /** These settings, with each field {@code override} sets replacing this one's. */
  public CacheConfig overriddenBy(CacheConfig override) {
    if (override == null) {
      return this;
    }
    return new CacheConfig(
        override.exact != null ? override.exact : exact,
        override.semantic != null ? override.semantic : semantic,
        override.ttlSeconds != null ? override.ttlSeconds : ttlSeconds,
        override.similarityThreshold != null ? override.similarityThreshold : similarityThreshold,
        override.fillTruncated != null ? override.fillTruncated : fillTruncated);
  }
}
