package dev.sluice.workers.resilience;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Local rpm and tpm limits per key, on a clock that moves only when the test moves it. */
class RateLimiterPipelineTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

  private static int answered(PipelineFixture fixture, int calls) throws Exception {
    int answered = 0;
    for (int i = 0; i < calls; i++) {
      if (fixture.call() instanceof TargetResult.Answered) {
        answered++;
      }
    }
    return answered;
  }

  @Test
  void aKeyWithRpmNeverGetsMoreThanThatManyCallsAMinute() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture("api_key_env: KEY_A\nrpm: 3\n", "backoff_max_ms: 1000", 5_000, clock)) {
      int firstMinute = answered(fixture, 5);
      long callsInFirstMinute = fixture.sim.calls(OPENAI_CHAT_PATH);
      clock.advance(Duration.ofSeconds(30));
      int halfAMinuteLater = answered(fixture, 2);
      clock.advance(Duration.ofSeconds(30));
      int secondMinute = answered(fixture, 5);

      assertThat(firstMinute).isEqualTo(3);
      assertThat(callsInFirstMinute).isEqualTo(3);
      assertThat(halfAMinuteLater).isZero();
      assertThat(secondMinute).isEqualTo(3);
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(6);
    }
  }

  @Test
  void aRefusedCallMovesOnWithoutACallAndSaysWhy() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture("api_key_env: KEY_A\nrpm: 1\n", "backoff_max_ms: 1000", 5_000, clock)) {
      fixture.call();

      TargetResult.Failed refused = (TargetResult.Failed) fixture.call();

      assertThat(refused.next()).isEqualTo(FailureClass.NEXT_TARGET);
      assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(refused.reason()).isEqualTo("rate_limited_locally: every allowed key must wait (rate limit or Retry-After)"
          + " longer than backoff_max_ms=1000");
      assertThat(refused.attempts()).singleElement().satisfies(attempt -> {
        assertThat(attempt.errorType()).isEqualTo("rate_limited_locally");
        assertThat(attempt.keyId()).isNull();
      });
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(1);
    }
  }

  @Test
  void tokensPerMinuteCountEachCallsEstimatedTokens() throws Exception {
    // Each call is estimated at 73 tokens (PipelineFixture.CALL): two fit in 150 a minute, a third does not.
    try (PipelineFixture fixture = new PipelineFixture("api_key_env: KEY_A\ntpm: 150\n", "backoff_max_ms: 1000", 5_000, clock)) {
      int firstMinute = answered(fixture, 4);
      clock.advance(Duration.ofMinutes(1));
      int secondMinute = answered(fixture, 4);

      assertThat(firstMinute).isEqualTo(2);
      assertThat(secondMinute).isEqualTo(2);
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(4);
    }
  }

  @Test
  void aShortWaitForTheLimiterIsScheduledNotRefused() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture("api_key_env: KEY_A\nrpm: 1\n", "backoff_max_ms: 60000", 5_000, clock)) {
      fixture.call();
      clock.advance(Duration.ofMillis(59_950));

      TargetResult second = fixture.call();

      assertThat(second).isInstanceOf(TargetResult.Answered.class);
      assertThat(fixture.sim.calls(OPENAI_CHAT_PATH)).isEqualTo(2);
    }
  }
}
