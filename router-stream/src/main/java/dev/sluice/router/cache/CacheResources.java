package dev.sluice.router.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * What every task's cache stages share: the embedding model, which is loaded once per process,
 * and the meters.
 */
public record CacheResources(QuestionEmbedder embedder, CacheMetrics metrics) {

  /** The process's embedder, with meters in {@code registry}. */
  public static CacheResources of(MeterRegistry registry) {
    return new CacheResources(QuestionEmbedder.shared(), new CacheMetrics(registry));
  }

  /** The process's embedder, with meters in Micrometer's global registry. */
  public static CacheResources global() {
    return of(Metrics.globalRegistry);
  }
}
