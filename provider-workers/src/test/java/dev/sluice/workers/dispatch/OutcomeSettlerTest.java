package dev.sluice.workers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.resilience.AttemptRecord;
import dev.sluice.workers.resilience.FailureClass;
import dev.sluice.workers.resilience.TargetResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeSettlerTest {
  private static final Instant NOW = DispatchItems.RECEIVED.plusMillis(250);
  private final ProviderRegistry providers = new ProviderRegistry(
      TestConfigs.testGateway(), ProviderSecrets.of(TestConfigs.PROVIDER_KEYS), new ProviderAdapterFactory());
  private final OutcomeSettler settler = new OutcomeSettler(providers, Clock.fixed(NOW, ZoneOffset.UTC));
  private final DispatchItem item = DispatchItems.smart("r-1");
  private final RouteTarget openai = item.getTargets().get(0);

  private static AttemptRecord ok(int retry, int in, int out) {
    return new AttemptRecord("openai", "gpt-4o", "default", retry, "ok", 200, null, 40, new Usage(in, out));
  }

  private static AttemptRecord failed(String provider, String model, int retry, int status) {
    return new AttemptRecord(provider, model, "default", retry, "provider_error", status, "server_error", 12, null);
  }

  private Settlement settle(DispatchItem at, TargetResult result) {
    return settler.settle(new CallOutcome(at, at.getTargets().get(at.getTargetIndex()), result));
  }

  @Test
  void anAnswerIsChargedUsageTimesConfiguredPrice() {
    ChatCompletion done = new ChatCompletion("Kafka is a distributed log.", "stop", 1_200, 300, 200, "gpt-4o-2024-08-06");

    Settlement.Terminal t = (Settlement.Terminal) settle(item, new TargetResult.Answered(done, List.of(ok(0, 1_200, 300))));

    // gpt-4o: 1,200 x $2.50/M + 300 x $10.00/M = $0.003 + $0.003
    assertThat(t.reply().getCostMicros()).isEqualTo(6_000);
    assertThat(t.reply().getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(t.reply().getContent()).isEqualTo("Kafka is a distributed log.");
    assertThat(t.reply().getUsage().getInputTokens()).isEqualTo(1_200);
    assertThat(t.reply().getLatencyMs()).isEqualTo(250);
    assertThat(t.reply().getAttempts())
        .containsExactly(new Attempt("openai", "gpt-4o", "ok", 200, 40L, true, "default", 0, null, 6_000L));
    assertThat(t.replyTopic()).isEqualTo("llm.replies");
    CostLedgerEntry entry = t.ledgerEntries().getFirst();
    assertThat(t.ledgerEntries()).hasSize(1);
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
  void aTruncatedAnswerIsNeverAPlainSuccessButIsBilled() {
    for (String reason : List.of("length", "content_filter")) {
      ChatCompletion cut = new ChatCompletion("Kafka is", reason, 10, 2, 200, "gpt-4o");
      AttemptRecord attempt = new AttemptRecord("openai", "gpt-4o", "default", 0, "truncated", 200, null, 5, new Usage(10, 2));

      Settlement.Terminal t = (Settlement.Terminal) settle(item, new TargetResult.Answered(cut, List.of(attempt)));

      assertThat(t.reply().getStatus()).isEqualTo(ReplyStatus.TRUNCATED);
      assertThat(t.reply().getFinishReason()).isEqualTo(reason);
      assertThat(t.audit().getOutcome()).isEqualTo("truncated");
      assertThat(t.ledgerEntries()).hasSize(1);
      assertThat(t.reply().getAttempts().getFirst().getBilled()).isTrue();
    }
  }

  @Test
  void aFailureThatMovesOnGoesToTheNextTargetWithEveryAttempt() {
    List<AttemptRecord> three = List.of(failed("openai", "gpt-4o", 0, 500), failed("openai", "gpt-4o", 1, 500),
        failed("openai", "gpt-4o", 2, 503));

    Settlement.Failover f = (Settlement.Failover) settle(item,
        new TargetResult.Failed(FailureClass.NEXT_TARGET, ErrorCode.PROVIDER_ERROR, "gave up", three));

    assertThat(f.providerId()).isEqualTo("anthropic");
    DispatchItem moved = f.batch().getItems().getFirst();
    assertThat(moved.getTargetIndex()).isEqualTo(1);
    assertThat(moved.getAttempts()).extracting(Attempt::getRetry).containsExactly(0, 1, 2);
    assertThat(moved.getAttempts()).extracting(Attempt::getHttpStatus).containsExactly(500, 500, 503);
    assertThat(moved.getAttempts()).allSatisfy(a -> assertThat(a.getBilled()).isFalse());
    assertThat(f.batch().getModel()).isEqualTo("claude-sonnet-4");
  }

  @Test
  void anAnswerAfterAFailoverListsEveryAttemptAndNumbersItsLedgerEntryInThatList() {
    DispatchItem second = DispatchItem.newBuilder(item).setTargetIndex(1).setAttempts(List.of(
        failed("openai", "gpt-4o", 0, 500).toAttempt(providers.prices("openai", "gpt-4o")),
        failed("openai", "gpt-4o", 1, 500).toAttempt(providers.prices("openai", "gpt-4o")))).build();
    AttemptRecord answer = new AttemptRecord("anthropic", "claude-sonnet-4", "default", 0, "ok", 200, null, 30, new Usage(1_000, 100));
    ChatCompletion done = new ChatCompletion("Hi", "stop", 1_000, 100, 200, "claude-sonnet-4");

    Settlement.Terminal t = (Settlement.Terminal) settle(second, new TargetResult.Answered(done, List.of(answer)));

    // claude-sonnet-4: 1,000 x $3/M + 100 x $15/M = 3,000 + 1,500 micro-dollars
    assertThat(t.reply().getAttempts()).extracting(Attempt::getProvider).containsExactly("openai", "openai", "anthropic");
    assertThat(t.ledgerEntries()).singleElement().satisfies(e -> {
      assertThat(e.getEntryId()).isEqualTo("r-1:3");
      assertThat(e.getCostMicros()).isEqualTo(4_500);
    });
    assertThat(t.reply().getCostMicros()).isEqualTo(t.reply().getAttempts().stream().mapToLong(Attempt::getCostMicros).sum())
        .isEqualTo(4_500);
  }

  @Test
  void aFailureThatMovesOnFromTheLastTargetEndsInAllTargetsFailedWithoutCharge() {
    DispatchItem last = DispatchItem.newBuilder(item).setTargetIndex(1).build();

    Settlement.Terminal t = (Settlement.Terminal) settle(last, new TargetResult.Failed(FailureClass.NEXT_TARGET,
        ErrorCode.PROVIDER_ERROR, "failed 3 calls (max_retries=2); last: HTTP 500 api_error: boom",
        List.of(failed("anthropic", "claude-sonnet-4", 0, 500))));

    assertThat(t.reply().getStatus()).isEqualTo(ReplyStatus.ERROR);
    assertThat(t.reply().getError().getCode()).isEqualTo("all_targets_failed");
    assertThat(t.reply().getError().getMessage())
        .isEqualTo("all 2 targets failed; last: anthropic/claude-sonnet-4 failed: failed 3 calls (max_retries=2); last: HTTP 500 api_error: boom");
    assertThat(t.reply().getCostMicros()).isZero();
    assertThat(t.ledgerEntries()).isEmpty();
    assertThat(t.audit().getErrorCode()).isEqualTo("all_targets_failed");
  }

  @Test
  void aFinalFailureDoesNotFailOver() {
    Settlement.Terminal t = (Settlement.Terminal) settle(item, new TargetResult.Failed(FailureClass.FINAL,
        ErrorCode.PROVIDER_ERROR, "HTTP 400 invalid_request_error: bad stop sequence", List.of(failed("openai", "gpt-4o", 0, 400))));

    assertThat(t.reply().getError().getCode()).isEqualTo("provider_error");
    assertThat(t.reply().getError().getMessage()).contains("openai/gpt-4o failed").contains("HTTP 400");
    assertThat(t.reply().getAttempts()).hasSize(1);
  }

  @Test
  void anExpiredRequestSaysSoAndListsItsAttempts() {
    Settlement.Terminal t = (Settlement.Terminal) settle(item, new TargetResult.Failed(FailureClass.EXPIRED,
        ErrorCode.DEADLINE_EXCEEDED, "the deadline passed", List.of(failed("openai", "gpt-4o", 0, 503))));

    assertThat(t.reply().getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(t.reply().getAttempts()).hasSize(1);
    assertThat(t.ledgerEntries()).isEmpty();
  }

  @Test
  void noFailoverOnceTheDeadlineHasPassed() {
    DispatchItem late = DispatchItem.newBuilder(item).setDeadline(NOW.minusMillis(1)).build();

    Settlement settlement = settle(late, new TargetResult.Failed(FailureClass.NEXT_TARGET, ErrorCode.PROVIDER_ERROR,
        "HTTP 503", List.of(failed("openai", "gpt-4o", 0, 503))));

    assertThat(settlement).isInstanceOfSatisfying(Settlement.Terminal.class,
        t -> assertThat(t.reply().getError().getCode()).isEqualTo("deadline_exceeded"));
  }

  @Test
  void aRetryWaitPastTheDeadlineOnTheLastTargetEndsInDeadlineExceeded() {
    DispatchItem last = DispatchItem.newBuilder(item).setTargetIndex(1).build();

    Settlement.Terminal t = (Settlement.Terminal) settle(last, new TargetResult.Failed(FailureClass.NEXT_TARGET,
        ErrorCode.DEADLINE_EXCEEDED, "the wait would pass the deadline", List.of(failed("anthropic", "claude-sonnet-4", 0, 503))));

    assertThat(t.reply().getError().getCode()).isEqualTo("deadline_exceeded");
  }

  @Test
  void aTerminalCarriesItsOutcomeCopyAddressOnlyWhenDeduplicated() {
    ChatCompletion done = new ChatCompletion("x", "stop", 1, 1, 200, "gpt-4o");
    DispatchItem deduplicated = DispatchItem.newBuilder(item).setIntakePartition(3).build();

    Settlement.Terminal with = (Settlement.Terminal) settle(deduplicated, new TargetResult.Answered(done, List.of(ok(0, 1, 1))));
    Settlement.Terminal without = (Settlement.Terminal) settle(item, new TargetResult.Answered(done, List.of(ok(0, 1, 1))));

    assertThat(with.hasOutcomeCopy()).isTrue();
    assertThat(with.intakePartition()).isEqualTo(3);
    assertThat(with.dedupeKey()).isEqualTo("acme/r-1");
    assertThat(without.hasOutcomeCopy()).isFalse();
  }
}
