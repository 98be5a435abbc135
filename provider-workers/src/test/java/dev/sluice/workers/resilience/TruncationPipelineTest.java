package dev.sluice.workers.resilience;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.dispatch.TestGateways;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early-ended answers: a length-limited one is billed and truncated; a cut body is a retryable failure. */
class TruncationPipelineTest {
  private static final String QUICK_RETRIES = "max_retries: 2, backoff_initial_ms: 1, backoff_max_ms: 5";

  @Test
  void anAnswerCutAtTheLengthLimitIsBilledAndMarkedTruncated() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, QUICK_RETRIES)) {
      ChatCall shortLimit = new ChatCall("gpt-4o", List.of(new ChatMessage("user", "Hello", null)), 3, null, null);

      TargetResult result = PipelineFixture.await(fixture.pipeline.call(new TargetRequest(shortLimit,
          new RouteTarget("openai", "gpt-4o", List.of()), Deadline.none(), 5, List.of())));

      TargetResult.Answered answered = (TargetResult.Answered) result;
      assertThat(answered.completion().truncated()).isTrue();
      assertThat(answered.attempts()).singleElement().satisfies(attempt -> {
        assertThat(attempt.outcome()).isEqualTo("truncated");
        assertThat(attempt.billed()).isTrue();
        assertThat(attempt.usage().getOutputTokens()).isEqualTo(3);
      });
    }
  }

  @Test
  void aCutBodyIsRetried() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, QUICK_RETRIES)) {
      fixture.sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.sequence(Fault.truncatedBody())));

      TargetResult result = fixture.call();

      assertThat(result).isInstanceOf(TargetResult.Answered.class);
      assertThat(result.attempts()).extracting(AttemptRecord::errorType, AttemptRecord::billed, AttemptRecord::outcome)
          .containsExactly(tuple("truncated_response", false, "provider_error"), tuple(null, true, "ok"));
    }
  }

  @Test
  void aBodyCutEveryTimeEndsInAnErrorThatSaysSo() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, QUICK_RETRIES)) {
      fixture.sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.truncatedBody())));

      TargetResult.Failed failed = (TargetResult.Failed) fixture.call();

      assertThat(failed.next()).isEqualTo(FailureClass.NEXT_TARGET);
      assertThat(failed.reason()).contains("truncated_response: response body cut short");
      assertThat(failed.attempts()).hasSize(3).allSatisfy(attempt -> {
        assertThat(attempt.errorType()).isEqualTo("truncated_response");
        assertThat(attempt.billed()).isFalse();
      });
    }
  }
}
