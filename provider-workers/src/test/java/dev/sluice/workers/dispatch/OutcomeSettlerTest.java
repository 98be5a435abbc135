package dev.sluice.workers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OutcomeSettlerTest {
  private static final Instant NOW = DispatchItems.RECEIVED.plusMillis(250);
  private final ProviderRegistry providers = new ProviderRegistry(
      TestConfigs.testGateway(), ProviderSecrets.of(TestConfigs.PROVIDER_KEYS), new ProviderAdapterFactory());
  private final OutcomeSettler settler = new OutcomeSettler(providers, Clock.fixed(NOW, ZoneOffset.UTC));
  private final DispatchItem item = DispatchItems.smart("r-1");
  private final RouteTarget openai = item.getTargets().get(0);

  @Test
  void anAnswerIsChargedUsageTimesConfiguredPrice() {
    ChatCompletion done = new ChatCompletion("Kafka is a distributed log.", "stop", 1_200, 300, 200, "gpt-4o-2024-08-06");

    Settlement.Terminal t = (Settlement.Terminal) settler.settle(new CallOutcome.Answered(item, openai, done, 40));

    // gpt-4o: 1,200 x $2.50/M + 300 x $10.00/M = $0.003 + $0.003
    assertThat(t.reply().getCostMicros()).isEqualTo(6_000);
    assertThat(t.reply().getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(t.reply().getContent()).isEqualTo("Kafka is a distributed log.");
    assertThat(t.reply().getUsage().getInputTokens()).isEqualTo(1_200);
    assertThat(t.reply().getLatencyMs()).isEqualTo(250);
    assertThat(t.reply().getAttempts()).containsExactly(new Attempt("openai", "gpt-4o", "ok", 200, 40L, true, null, 0, null, 0L));
    assertThat(t.replyTopic()).isEqualTo("llm.replies");
    CostLedgerEntry entry = t.ledgerEntry().orElseThrow();
    assertThat(entry.getEntryId()).isEqualTo("r-1:1");
    assertThat(entry.getCostMicros()).isEqualTo(6_000);
    assertThat(entry.getKeyId()).isEqualTo("test-key");
    assertThat(entry.getOrg()).isEqualTo("acme");
    assertThat(entry.getCustomer()).isEqualTo("cust-1");
    assertThat(entry.getWorkflow()).isEqualTo("onboarding");
    assertThat(entry.getPriceBasis().getInputMicrosPerMillion()).isEqualTo(2_500_000);
    assertThat(t.audit().getOutcome()).isEqualTo("ok");
    assertThat(t.audit().getCompletionLength()).isEqualTo(27);
    assertThat(t.audit().getRoutingDecision()).isEqualTo("route smart -> openai/gpt-4o (target 1 of 2)");
  }

  @Test
  void aTruncatedAnswerIsNeverAPlainSuccess() {
    ChatCompletion cut = new ChatCompletion("Kafka is", "length", 10, 2, 200, "gpt-4o");

    Settlement.Terminal t = (Settlement.Terminal) settler.settle(new CallOutcome.Answered(item, openai, cut, 5));

    assertThat(t.reply().getStatus()).isEqualTo(ReplyStatus.TRUNCATED);
    assertThat(t.reply().getFinishReason()).isEqualTo("length");
    assertThat(t.audit().getOutcome()).isEqualTo("truncated");
    assertThat(t.ledgerEntry()).isPresent();
  }

  @Test
  void aRetryableFailureMovesToTheNextTargetWithItsAttemptHistory() {
    var error = ProviderErrorClassifier.httpError(503, "overloaded", "busy", null);

    Settlement.Failover f = (Settlement.Failover) settler.settle(new CallOutcome.Failed(item, openai, error, 12));

    assertThat(f.providerId()).isEqualTo("anthropic");
    DispatchItem moved = f.batch().getItems().getFirst();
    assertThat(moved.getTargetIndex()).isEqualTo(1);
    assertThat(moved.getAttempts()).containsExactly(new Attempt("openai", "gpt-4o", "provider_error", 503, 12L, false, null, 0, null, 0L));
    assertThat(f.batch().getModel()).isEqualTo("claude-sonnet-4");
  }

  @Test
  void aRetryableFailureOnTheLastTargetEndsInAllTargetsFailedWithoutCharge() {
    DispatchItem last = DispatchItem.newBuilder(item).setTargetIndex(1).build();
    var error = ProviderErrorClassifier.httpError(500, "api_error", "boom", null);

    Settlement.Terminal t = (Settlement.Terminal) settler.settle(new CallOutcome.Failed(last, last.getTargets().get(1), error, 3));

    assertThat(t.reply().getStatus()).isEqualTo(ReplyStatus.ERROR);
    assertThat(t.reply().getError().getCode()).isEqualTo("all_targets_failed");
    assertThat(t.reply().getCostMicros()).isZero();
    assertThat(t.ledgerEntry()).isEmpty();
    assertThat(t.audit().getErrorCode()).isEqualTo("all_targets_failed");
  }

  @Test
  void aFinalFailureDoesNotFailOver() {
    var error = ProviderErrorClassifier.httpError(400, "invalid_request_error", "bad stop sequence", null);

    Settlement.Terminal t = (Settlement.Terminal) settler.settle(new CallOutcome.Failed(item, openai, error, 3));

    assertThat(t.reply().getError().getCode()).isEqualTo("provider_error");
    assertThat(t.reply().getError().getMessage()).contains("openai/gpt-4o failed").contains("HTTP 400");
    assertThat(t.reply().getAttempts()).hasSize(1);
  }

  @Test
  void anExpiredRequestIsNotCalledAndSaysSo() {
    Settlement.Terminal t = (Settlement.Terminal) settler.settle(new CallOutcome.Expired(item, openai));

    assertThat(t.reply().getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(t.reply().getAttempts()).isEmpty();
    assertThat(t.ledgerEntry()).isEmpty();
  }
}
