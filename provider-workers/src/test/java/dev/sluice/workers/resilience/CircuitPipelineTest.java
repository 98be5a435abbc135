package dev.sluice.workers.resilience;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.workers.dispatch.TestGateways;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Circuit breakers per key, through the real pipeline; time moves only when the test moves it. */
class CircuitPipelineTest {
  private static final String CIRCUIT = "max_retries: 1, backoff_initial_ms: 1, backoff_max_ms: 5, "
      + "circuit_min_calls: 2, circuit_window: 4, circuit_failure_rate: 50, circuit_open_ms: 30000";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

  private static void always(PipelineFixture fixture, Fault fault) {
    fixture.sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(fault)));
  }

  @Test
  void anOpenCircuitKeepsCallsFromTheProviderAndMovesTheRequestOn() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, CIRCUIT, 5_000, clock)) {
      always(fixture, Fault.status(500));

      fixture.call();
      long callsWhenOpened = fixture.sim.calls(OPENAI_CHAT_PATH);
      TargetResult.Failed refused = (TargetResult.Failed) fixture.call();

      assertThat(callsWhenOpened).isEqualTo(2);
      assertThat(fixture.key("default").circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(2);
      assertThat(refused.next()).isEqualTo(FailureClass.NEXT_TARGET);
      assertThat(refused.reason()).startsWith("circuit_open: every allowed key of openai has an open circuit");
      assertThat(refused.attempts()).singleElement().satisfies(attempt -> {
        assertThat(attempt.errorType()).isEqualTo("circuit_open");
        assertThat(attempt.keyId()).isNull();
        assertThat(attempt.httpStatus()).isNull();
        assertThat(attempt.billed()).isFalse();
      });
    }
  }

  @Test
  void afterItsOpenWaitTheCircuitLetsATrialCallThrough() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, CIRCUIT, 5_000, clock)) {
      always(fixture, Fault.status(500));
      fixture.call();
      fixture.sim.behaviour(SimulatorBehaviour.normal());

      clock.advance(Duration.ofSeconds(30).plusMillis(1));
      TargetResult trial = fixture.call();

      assertThat(trial).isInstanceOf(TargetResult.Answered.class);
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(3);
      assertThat(fixture.key("default").circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }
  }

  @Test
  void anotherKeyServesWhileOneKeysCircuitIsOpen() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.TWO_KEYS, CIRCUIT, 5_000, clock)) {
      fixture.key("a").circuitBreaker().transitionToOpenState();

      for (int i = 0; i < 4; i++) {
        assertThat(fixture.call()).isInstanceOf(TargetResult.Answered.class);
      }

      assertThat(fixture.sim.counters().withKey(TestGateways.KEY_A)).isZero();
      assertThat(fixture.sim.counters().withKey(TestGateways.KEY_B)).isEqualTo(4);
    }
  }

  @Test
  void finalErrorsAndRateLimitsDoNotOpenTheCircuit() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY,
        CIRCUIT.replace("max_retries: 1", "max_retries: 0"), 5_000, clock)) {
      always(fixture, Fault.status(400));
      for (int i = 0; i < 4; i++) {
        fixture.call();
      }
      always(fixture, Fault.rateLimited(0));
      for (int i = 0; i < 4; i++) {
        fixture.call();
      }

      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(8);
      assertThat(fixture.key("default").circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
      assertThat(fixture.key("default").circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }
  }
}
