package dev.sluice.workers.resilience;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.workers.dispatch.TestGateways;
import dev.sluice.workers.simulator.CallCounters;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Retries per target through the real pipeline and simulator: counts of calls and the waits the retry chose. */
class RetryPipelineTest {

  private static void always(PipelineFixture fixture, Fault fault) {
    fixture.sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(fault)));
  }

  private static List<Long> retryWaits(PipelineFixture fixture) {
    List<Long> waits = new CopyOnWriteArrayList<>();
    fixture.pipeline.retry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval().toMillis()));
    return waits;
  }

  @Test
  void retriesAtMostMaxRetriesTimesThenMovesToTheNextTarget() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY,
        "max_retries: 3, backoff_initial_ms: 1, backoff_max_ms: 5")) {
      always(fixture, Fault.status(500));

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call();

      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(4);
      assertThat(failed.next()).isEqualTo(FailureClass.NEXT_TARGET);
      assertThat(failed.reason()).startsWith("failed 4 calls (max_retries=3); last: HTTP 500 server_error");
      assertThat(failed.attempts()).extracting(AttemptRecord::retry, AttemptRecord::httpStatus, AttemptRecord::keyId)
          .containsExactly(tuple(0, 500, "default"), tuple(1, 500, "default"), tuple(2, 500, "default"), tuple(3, 500, "default"));
      assertThat(failed.attempts()).noneMatch(AttemptRecord::billed);
    }
  }

  @Test
  void aFinalErrorIsNeitherRetriedNorMovedOn() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, "max_retries: 3, backoff_initial_ms: 1")) {
      always(fixture, Fault.status(400));

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call();

      assertThat(failed.next()).isEqualTo(FailureClass.FINAL);
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(1);
    }
  }

  @Test
  void waitsAtLeastWhatRetryAfterAsks() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY,
        "max_retries: 2, backoff_initial_ms: 1, backoff_max_ms: 3000")) {
      fixture.sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.sequence(Fault.rateLimited(1))));
      List<Long> waits = retryWaits(fixture);

      TargetResult result = fixture.call();

      assertThat(result).isInstanceOf(TargetResult.Answered.class);
      assertThat(result.attempts()).extracting(AttemptRecord::retry, AttemptRecord::outcome)
          .containsExactly(tuple(0, "rate_limited"), tuple(1, "ok"));
      assertThat(waits).singleElement().satisfies(wait -> assertThat(wait).isBetween(1_000L, 3_000L));
    }
  }

  @Test
  void aRetryAfterBeyondBackoffMaxMovesOnWithoutWaiting() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY,
        "max_retries: 2, backoff_initial_ms: 1, backoff_max_ms: 500")) {
      always(fixture, Fault.rateLimited(2));
      List<Long> waits = retryWaits(fixture);

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call();

      assertThat(failed.next()).isEqualTo(FailureClass.NEXT_TARGET);
      assertThat(failed.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(failed.reason()).startsWith("asked to wait 2000 ms, beyond backoff_max_ms=500");
      assertThat(waits).isEmpty();
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(1);
    }
  }

  @Test
  void aRetryWaitPastTheDeadlineMovesOnWithoutWaiting() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY,
        "max_retries: 2, backoff_initial_ms: 1, backoff_max_ms: 5000")) {
      always(fixture, Fault.rateLimited(3));

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call(Deadline.of(Instant.now().plusSeconds(2)));

      assertThat(failed.next()).isEqualTo(FailureClass.NEXT_TARGET);
      assertThat(failed.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
      assertThat(failed.reason()).contains("would pass the deadline");
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(1);
    }
  }

  @Test
  void aTimedOutCallIsRetriedAndCountedAsATimeout() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY,
        "max_retries: 1, backoff_initial_ms: 1, backoff_max_ms: 5", 300, java.time.Clock.systemUTC())) {
      always(fixture, Fault.hang());

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call();

      assertThat(failed.attempts()).extracting(AttemptRecord::errorType).containsExactly("timeout", "timeout");
      CallCounters counters = fixture.sim.counters();
      assertThat(counters.total()).isEqualTo(2);
      assertThat(counters.withStatus(CallCounters.NO_RESPONSE)).isEqualTo(2);
    }
  }

  @Test
  void theDeadlineCutsACallShortAndEndsTheRequest() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, "max_retries: 3, backoff_initial_ms: 1")) {
      always(fixture, Fault.hang());

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call(Deadline.of(Instant.now().plusMillis(300)));

      assertThat(failed.next()).isEqualTo(FailureClass.EXPIRED);
      assertThat(failed.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
      assertThat(failed.attempts()).singleElement()
          .satisfies(attempt -> assertThat(attempt.errorType()).isEqualTo("deadline_exceeded"));
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(1);
    }
  }
}
