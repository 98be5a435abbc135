package dev.sluice.workers.resilience;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.workers.dispatch.TestGateways;
import dev.sluice.workers.simulator.CallCounters;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Key choice within a pool, through the real pipeline and the simulator's per-key behaviour and counters. */
class KeyPoolPipelineTest {
  /** Key a draws nearly every first pick, so that what moves traffic to b is the pool's standing, not chance. */
  private static final String HEAVY_A = """
      keys:
        - {id: a, api_key_env: KEY_A, weight: 1000}
        - {id: b, api_key_env: KEY_B, weight: 1}
      """;

  @Test
  void a429OnOneKeyMovesTheRetryToAnotherKey() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(HEAVY_A, "max_retries: 2, backoff_initial_ms: 1, backoff_max_ms: 5000")) {
      fixture.sim.behaviour(SimulatorBehaviour.normal().withKey(TestGateways.KEY_A,
          SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.rateLimited(30)))));

      TargetResult result = fixture.call();

      assertThat(result).isInstanceOf(TargetResult.Answered.class);
      assertThat(result.attempts()).extracting(AttemptRecord::keyId, AttemptRecord::retry, AttemptRecord::httpStatus)
          .containsExactly(tuple("a", 0, 429), tuple("b", 1, 200));
      CallCounters counters = fixture.sim.counters();
      assertThat(counters.withKey(TestGateways.KEY_A)).isEqualTo(1);
      assertThat(counters.withKey(TestGateways.KEY_B)).isEqualTo(1);
      assertThat(counters.withStatus(429)).isEqualTo(1);
      assertThat(fixture.key("a").standing().isCooling(Instant.now())).isTrue();
    }
  }

  @Test
  void aKeyWhoseQuotaRunsLowGivesWayToTheOthers() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(HEAVY_A, "low_remaining_fraction: 0.5")) {
      // Key a may make 4 calls a minute: after its third, 1 of 4 is left, below half.
      fixture.sim.behaviour(SimulatorBehaviour.normal()
          .withKey(TestGateways.KEY_A, SimulatorBehaviour.normal().withRequestsPerMinute(4)));

      for (int i = 0; i < 10; i++) {
        assertThat(fixture.call()).isInstanceOf(TargetResult.Answered.class);
      }

      CallCounters counters = fixture.sim.counters();
      assertThat(counters.withKey(TestGateways.KEY_A)).isEqualTo(3);
      assertThat(counters.withKey(TestGateways.KEY_B)).isEqualTo(7);
      assertThat(counters.withStatus(429)).isZero();
    }
  }

  @Test
  void aTargetCallsOnlyTheKeysItMayUse() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(HEAVY_A, "")) {
      for (int i = 0; i < 5; i++) {
        PipelineFixture.await(fixture.pipeline.call(PipelineFixture.request(Deadline.none(), List.of("b"))));
      }

      assertThat(fixture.sim.counters().withKey(TestGateways.KEY_B)).isEqualTo(5);
      assertThat(fixture.sim.counters().withKey(TestGateways.KEY_A)).isZero();
    }
  }

  @Test
  void aFullBulkheadQueuesCallsInsteadOfFailingThem() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, "max_concurrent: 1, max_retries: 0")) {
      fixture.sim.behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(50)));

      List<CompletableFuture<TargetResult>> calls = IntStream.range(0, 4)
          .mapToObj(i -> fixture.pipeline.call(PipelineFixture.request(Deadline.none(), List.of()))).toList();

      for (CompletableFuture<TargetResult> call : calls) {
        assertThat(PipelineFixture.await(call)).isInstanceOf(TargetResult.Answered.class);
      }
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(4);
      assertThat(fixture.key("default").bulkhead().bulkhead().getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }
  }
}
