package dev.sluice.router.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The cache's meters: {@code sluice.cache.hits} (tag {@code kind}: exact, semantic),
 * {@code sluice.cache.misses}, {@code sluice.cache.saved.micros} (what hits saved, micro-dollars),
 * {@code sluice.cache.lookup} and {@code sluice.cache.embedding} (timers), {@code sluice.cache.fills}
 * and {@code sluice.cache.invalidated} (entries dropped by invalidations and expiry),
 * {@code sluice.cache.embedding.failures} (questions the model failed on).
 */
public final class CacheMetrics {
  private final Counter exactHits;
  private final Counter semanticHits;
  private final Counter misses;
  private final Counter savedMicros;
  private final Counter fills;
  private final Counter invalidated;
  private final Timer lookup;
  private final Timer embedding;
  private final Counter embeddingFailures;

  public CacheMetrics(MeterRegistry registry) {
    exactHits = Counter.builder("sluice.cache.hits").tag("kind", "exact").register(registry);
    semanticHits = Counter.builder("sluice.cache.hits").tag("kind", "semantic").register(registry);
    misses = Counter.builder("sluice.cache.misses").register(registry);
    savedMicros = Counter.builder("sluice.cache.saved.micros").baseUnit("micro-dollars").register(registry);
    fills = Counter.builder("sluice.cache.fills").register(registry);
    invalidated = Counter.builder("sluice.cache.invalidated").register(registry);
    lookup = Timer.builder("sluice.cache.lookup").publishPercentiles(0.5, 0.99).register(registry);
    embedding = Timer.builder("sluice.cache.embedding").publishPercentiles(0.5, 0.99).register(registry);
    embeddingFailures = Counter.builder("sluice.cache.embedding.failures").register(registry);
  }

  public void hit(CacheHitKind kind, long savedMicros) {
    (kind == CacheHitKind.EXACT ? exactHits : semanticHits).increment();
    this.savedMicros.increment(savedMicros);
  }

  public void miss() {
    misses.increment();
  }

  public void filled() {
    fills.increment();
  }

  public void invalidated(int entries) {
    invalidated.increment(entries);
  }

  public void lookedUp(long nanos) {
    lookup.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void embedded(long nanos) {
    embedding.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void embeddingFailed() {
    embeddingFailures.increment();
  }
}
