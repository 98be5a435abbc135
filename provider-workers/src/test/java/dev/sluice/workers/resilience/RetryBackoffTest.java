package dev.sluice.workers.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.workers.provider.ProviderErrorClassifier;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(1_000), new Random(1));

  @Test
  void theCapDoublesPerRetryUpToTheMaximum() {
    assertThat(LongStream.rangeClosed(1, 6).map(n -> backoff.capMillis((int) n)).toArray())
        .containsExactly(100, 200, 400, 800, 1_000, 1_000);
    assertThat(backoff.capMillis(500)).isEqualTo(1_000);
  }

  @Test
  void fullJitterDrawsFromZeroToTheCap() {
    for (int retry = 1; retry <= 5; retry++) {
      long cap = backoff.capMillis(retry);
      int n = retry;
      LongSummaryStatistics waits = LongStream.range(0, 2_000)
          .map(i -> backoff.waitMillis(n, Duration.ZERO)).summaryStatistics();
      // Every draw within [0, cap], and the draws spread over the whole of it.
      assertThat(waits.getMin()).isGreaterThanOrEqualTo(0).isLessThan(cap / 10);
      assertThat(waits.getMax()).isLessThanOrEqualTo(cap).isGreaterThan(cap * 9 / 10);
    }
  }

  @Test
  void aRequestedWaitIsTheLeastWait() {
    LongSummaryStatistics waits = LongStream.range(0, 500)
        .map(i -> backoff.waitMillis(1, Duration.ofMillis(700))).summaryStatistics();

    assertThat(waits.getMin()).isEqualTo(700);
    assertThat(waits.getMax()).isEqualTo(700);
    assertThat(backoff.waitMillis(4, Duration.ofMillis(300))).isBetween(300L, 800L);
  }

  @Test
  void aRequestedWaitBeyondTheMaximumMeansDoNotRetry() {
    assertThat(backoff.waitMillis(1, Duration.ofMillis(1_001))).isEqualTo(RetryBackoff.DO_NOT_RETRY);
    assertThat(backoff.waitMillis(1, Duration.ofMillis(1_000))).isEqualTo(1_000);
  }

  @Test
  void asAnIntervalFunctionItReadsTheWaitFromTheFailure() {
    IntervalBiFunction<Object> interval = backoff.asIntervalFunction();
    RetryableFailure asked = new RetryableFailure(ProviderErrorClassifier.httpError(429, "rate_limit", "slow", null),
        Duration.ofMillis(900));

    assertThat(interval.apply(1, Either.left(asked))).isEqualTo(900);
    assertThat(interval.apply(2, Either.left(new IllegalStateException("x")))).isBetween(0L, 200L);
  }

  @Test
  void rejectsBoundsThatCannotWork() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
        .hasMessage("backoff initial must be > 0 ms, but was 0");
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
        .hasMessage("backoff max must be >= backoff initial (2000 ms), but was 1000 ms");
  }

  @Test
  void estimatesTokensAsPromptCharactersOverFourPlusTheCompletionLimit() {
    assertThat(TokenEstimate.of(34, 64)).isEqualTo(9 + 64);
    assertThat(TokenEstimate.of(0, null)).isEqualTo(TokenEstimate.DEFAULT_OUTPUT_TOKENS);
  }
}
