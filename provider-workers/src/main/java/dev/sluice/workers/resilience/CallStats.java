package dev.sluice.workers.resilience;

import java.util.Arrays;

/**
 * One key's last {@value #WINDOW} provider calls, for its health record: latency percentiles of
 * the successful ones and the share that failed (by {@link FailoverPolicy#isProviderFailure}).
 */
public final class CallStats {

  static final int WINDOW = 100;

  /** How a call counts. */
  public enum Kind {
    /** An answer: its latency enters the percentiles. */
    SUCCESS,
    /** A provider failure: counts towards the error rate. */
    FAILURE,
    /** Any other outcome (a final 4xx, a 429): a call, neither fast nor failed. */
    OTHER
  }

  /**
   * @param p50Ms     median latency of the successful calls, or null without any
   * @param p95Ms     95th percentile of the same, or null
   * @param errorRate failed share of the calls, 0..1
   * @param calls     calls in the window
   */
  public record Snapshot(Long p50Ms, Long p95Ms, double errorRate, int calls) {}

  private final long[] latencies = new long[WINDOW];
  private final Kind[] kinds = new Kind[WINDOW];
  private int next;
  private int size;

  public synchronized void record(long latencyMs, Kind kind) {
    latencies[next] = latencyMs;
    kinds[next] = kind;
    next = (next + 1) % WINDOW;
    size = Math.min(size + 1, WINDOW);
  }

  public synchronized Snapshot snapshot() {
    long[] successes = new long[size];
    int successCount = 0;
    int failures = 0;
    for (int i = 0; i < size; i++) {
      if (kinds[i] == Kind.SUCCESS) {
        successes[successCount++] = latencies[i];
      } else if (kinds[i] == Kind.FAILURE) {
        failures++;
      }
    }
    long[] sorted = Arrays.copyOf(successes, successCount);
    Arrays.sort(sorted);
    return new Snapshot(percentile(sorted, 0.50), percentile(sorted, 0.95),
        size == 0 ? 0.0 : (double) failures / size, size);
  }

  /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
  private static Long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
