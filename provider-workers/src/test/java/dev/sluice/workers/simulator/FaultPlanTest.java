package dev.sluice.workers.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void theSequenceComesFirstThenTheRandomFault() {
    FaultPlan plan = FaultPlan.sequence(Fault.status(503), Fault.none()).thenRandom(Fault.hang(), 0.3);

    assertThat(plan.faultFor(0, () -> 0.99)).isEqualTo(Fault.status(503));
    assertThat(plan.faultFor(1, () -> 0.0)).isEqualTo(Fault.none());
    assertThat(plan.faultFor(2, () -> 0.29)).isEqualTo(Fault.hang());
    assertThat(plan.faultFor(3, () -> 0.3)).isEqualTo(Fault.none());
  }

  @Test
  void noneNeverFaults() {
    assertThat(FaultPlan.none().faultFor(0, () -> 0.0)).isEqualTo(Fault.none());
  }

  @Test
  void rejectsValuesOutOfRange() {
    assertThatThrownBy(() -> FaultPlan.random(Fault.hang(), -0.1))
        .hasMessage("probability must be in 0..1, but was -0.1");
    assertThatThrownBy(() -> Fault.rateLimited(-1))
        .hasMessage("retryAfterSeconds must be >= 0, but was -1");
    assertThatThrownBy(() -> new Latency(-5, 0))
        .hasMessage("fixedMillis must be >= 0, but was -5");
  }

  @Test
  void latencyAddsJitterDrawnUpToItsBound() {
    Latency latency = new Latency(20, 5);

    assertThat(latency.sampleMillis(bound -> bound - 1)).isEqualTo(25);
    assertThat(latency.sampleMillis(bound -> 0)).isEqualTo(20);
    assertThat(Latency.fixed(7).sampleMillis(bound -> {
      throw new AssertionError("no jitter, no draw");
    })).isEqualTo(7);
  }
}
