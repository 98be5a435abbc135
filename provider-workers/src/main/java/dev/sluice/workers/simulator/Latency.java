package dev.sluice.workers.simulator;

import java.util.function.LongUnaryOperator;

/**
 * How long the simulator waits before answering: {@code fixedMillis} plus a uniformly drawn
 * 0..{@code jitterMillis}.
 */
public record Latency(long fixedMillis, long jitterMillis) {

  private static final Latency NONE = new Latency(0, 0);

  public Latency {
    if (fixedMillis < 0) {
      throw new IllegalArgumentException("fixedMillis must be >= 0, but was " + fixedMillis);
    }
    if (jitterMillis < 0) {
      throw new IllegalArgumentException("jitterMillis must be >= 0, but was " + jitterMillis);
    }
  }

  public static Latency none() {
    return NONE;
  }

  public static Latency fixed(long millis) {
    return new Latency(millis, 0);
  }

  /**
   * One delay.
   *
   * @param uniformBelow returns a uniform value in [0, bound) for a given bound
   */
  public long sampleMillis(LongUnaryOperator uniformBelow) {
    return jitterMillis == 0 ? fixedMillis : fixedMillis + uniformBelow.applyAsLong(jitterMillis + 1);
  }
}
