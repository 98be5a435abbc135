package dev.sluice.bench;

import dev.sluice.router.cache.SemanticIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Lookup latency and memory of the router's {@link SemanticIndex}: fills one namespace with
 * random unit 384-d vectors (all-MiniLM's size), then times lookups of random vectors (cache
 * misses) and of stored ones (hits), and lookups right after a put (which reopen the searcher).
 *
 * <p>Run with {@code java -Xmx3g -cp ... dev.sluice.bench.SemanticIndexBenchmark [entries...]};
 * without arguments it runs 10,000 entries in 1 and in 10 groups, then 100,000 in 1 group. A fill
 * stops after 300 s, and the lookups then run on what it reached.
 */
public final class SemanticIndexBenchmark {
  private static final int DIMENSIONS = 384;
  private static final String NAMESPACE = "tenant";
  private static final int WARM_UP_LOOKUPS = 500;
  private static final int LOOKUPS = 2_000;
  /** One lookup in four queries a stored vector; the rest query random ones. */
  private static final int STORED_EVERY = 4;
  private static final int PUTS_THEN_LOOKUPS = 500;
  /** A realistic threshold: random vectors miss it, stored ones hit it. */
  private static final float MIN_SIMILARITY = 0.9f;
  private static final long FILL_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(300);

  private SemanticIndexBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    List<Scenario> scenarios = args.length == 0
        ? List.of(new Scenario(10_000, 1), new Scenario(10_000, 10), new Scenario(100_000, 1))
        : Arrays.stream(args).map(n -> new Scenario(Integer.parseInt(n), 1)).toList();
    System.out.printf("SemanticIndex, %d dimensions, Java %s, max heap %d MB%n",
        DIMENSIONS, Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    for (Scenario scenario : scenarios) {
      run(scenario);
    }
  }

  private static void run(Scenario scenario) throws InterruptedException {
    long heapBefore = usedHeapAfterGc();
    try (SemanticIndex index = new SemanticIndex(DIMENSIONS)) {
      long start = System.nanoTime();
      int filled = 0;
      while (filled < scenario.entries() && System.nanoTime() - start < FILL_BUDGET_NANOS) {
        int end = Math.min(scenario.entries(), filled + 1_000);
        for (; filled < end; filled++) {
          index.put(NAMESPACE, scenario.group(filled), "e" + filled, vector(filled));
        }
      }
      index.size(NAMESPACE);
      double fillSeconds = (System.nanoTime() - start) / 1e9;
      long heapFilled = usedHeapAfterGc();

      System.out.printf("%n%,d entries in %d group(s)%n", scenario.entries(), scenario.groups());
      if (filled < scenario.entries()) {
        System.out.printf("  fill STOPPED at the 300 s budget after %,d entries%n", filled);
      }
      System.out.printf("  fill %.1f s (%,.0f entries/s), heap %,d bytes/entry after fill%n",
          fillSeconds, filled / fillSeconds, (heapFilled - heapBefore) / filled);

      SplittableRandom random = new SplittableRandom(scenario.entries() * 31L + scenario.groups());
      for (int i = 0; i < WARM_UP_LOOKUPS; i++) {
        index.nearest(NAMESPACE, scenario.group(i), randomVector(random), MIN_SIMILARITY);
      }
      Histogram misses = histogram();
      Histogram hits = histogram();
      int found = 0;
      for (int i = 0; i < LOOKUPS; i++) {
        if (i % STORED_EVERY == 0) {
          int stored = random.nextInt(filled);
          long t0 = System.nanoTime();
          Optional<SemanticIndex.Match> match =
              index.nearest(NAMESPACE, scenario.group(stored), vector(stored), MIN_SIMILARITY);
          hits.recordValue(System.nanoTime() - t0);
          found += match.filter(m -> m.entryId().equals("e" + stored)).isPresent() ? 1 : 0;
        } else {
          String group = scenario.group(random.nextInt(scenario.groups()));
          float[] query = randomVector(random);
          long t0 = System.nanoTime();
          index.nearest(NAMESPACE, group, query, MIN_SIMILARITY);
          misses.recordValue(System.nanoTime() - t0);
        }
      }
      print("random lookups", misses);
      print("stored lookups", hits);
      System.out.printf("  stored vectors found themselves: %d of %d%n", found, hits.getTotalCount());

      Histogram afterPut = histogram();
      for (int i = 0; i < PUTS_THEN_LOOKUPS; i++) {
        int id = filled + i;
        index.put(NAMESPACE, scenario.group(id), "e" + id, vector(id));
        long t0 = System.nanoTime();
        index.nearest(NAMESPACE, scenario.group(id), vector(id), MIN_SIMILARITY);
        afterPut.recordValue(System.nanoTime() - t0);
      }
      print("lookups right after a put", afterPut);
      System.out.printf("  heap %,d bytes/entry at the end%n",
          (usedHeapAfterGc() - heapBefore) / index.size(NAMESPACE));
    }
  }

  /** The stored vector of entry {@code i}, the same every time it is asked for. */
  private static float[] vector(int i) {
    return randomVector(new SplittableRandom(i));
  }

  private static float[] randomVector(SplittableRandom random) {
    float[] vector = new float[DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] *= scale;
    }
    return vector;
  }

  private static Histogram histogram() {
    return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
  }

  private static void print(String what, Histogram nanos) {
    System.out.printf("  %-26s (%,d): p50 %,8.1f us, p99 %,8.1f us, max %,8.1f us%n",
        what, nanos.getTotalCount(), nanos.getValueAtPercentile(50) / 1e3,
        nanos.getValueAtPercentile(99) / 1e3, nanos.getMaxValue() / 1e3);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** How many entries, spread over how many groups. */
  private record Scenario(int entries, int groups) {
    String group(int entry) {
      return "group-" + entry % groups;
    }
  }
}
