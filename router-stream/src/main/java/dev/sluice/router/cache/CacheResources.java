package dev.sluice.router.cache;

import io.micrometer.core.instrument.Metrics;

/**
 * What every task's cache stages share: the embedding model, which is loaded once per process,
 * and the meters.
 */
public record CacheResources(QuestionEmbedder embedder, CacheMetrics metrics) {

  /** The process's embedder, with meters in Micrometer's global registry. */
  public static CacheResources global() {
    return new CacheResources(QuestionEmbedder.shared(), new CacheMetrics(Metrics.globalRegistry));
  }
}
