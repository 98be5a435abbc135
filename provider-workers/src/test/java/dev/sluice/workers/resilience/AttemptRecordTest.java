package dev.sluice.workers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which attempts are billed, and what they cost. */
class AttemptRecordTest {
  private static final RouteTarget TARGET = new RouteTarget("openai", "gpt-4o", List.of());
  /** $2.50 and $10.00 per million tokens. */
  private static final Prices PRICES = new Prices(2_500_000, 10_000_000);

  @Test
  void anAnswerIsBilledForItsUsage() {
    AttemptRecord ok = AttemptRecord.answered(TARGET, "a", 1, new ChatCompletion("x", "stop", 1_000, 100, 200, "gpt-4o"), 30);

    assertThat(ok.billed()).isTrue();
    assertThat(ok.toAttempt(PRICES)).isEqualTo(new Attempt("openai", "gpt-4o", "ok", 200, 30L, true, "a", 1, null, 3_500L));
  }

  @Test
  void anEarlyEndedAnswerIsBilledOnlyWhenTheProviderReportedUsage() {
    AttemptRecord reported = AttemptRecord.answered(TARGET, "a", 0, new ChatCompletion("x", "length", 10, 4, 200, "m"), 5);
    AttemptRecord unreported = AttemptRecord.answered(TARGET, "a", 0, new ChatCompletion("x", "length", 0, 0, 200, "m"), 5);
    AttemptRecord completeWithoutUsage = AttemptRecord.answered(TARGET, "a", 0, new ChatCompletion("x", "stop", 0, 0, 200, "m"), 5);

    assertThat(reported.outcome()).isEqualTo("truncated");
    assertThat(reported.billed()).isTrue();
    assertThat(unreported.billed()).isFalse();
    assertThat(completeWithoutUsage.billed()).isTrue();
    assertThat(completeWithoutUsage.costMicros(PRICES)).isZero();
  }

  @Test
  void failuresAndRefusalsAreNeverBilled() {
    AttemptRecord failed = AttemptRecord.failed(TARGET, "b", 2, ProviderErrorClassifier.httpError(429, "rate_limit", "x", null), 9);
    AttemptRecord refused = AttemptRecord.refused(TARGET, 0, ErrorCode.PROVIDER_ERROR, "circuit_open");

    assertThat(failed.toAttempt(PRICES))
        .isEqualTo(new Attempt("openai", "gpt-4o", "rate_limited", 429, 9L, false, "b", 2, "rate_limit", 0L));
    assertThat(refused.toAttempt(PRICES))
        .isEqualTo(new Attempt("openai", "gpt-4o", "provider_error", null, 0L, false, null, 0, "circuit_open", 0L));
  }
}
