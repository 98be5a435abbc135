package dev.sluice.workers.dispatch;

import dev.sluice.schemas.DedupeKey;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ErrorInfo;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.resilience.AttemptRecord;
import dev.sluice.workers.resilience.Deadline;
import dev.sluice.workers.resilience.FailureClass;
import dev.sluice.workers.resilience.TargetRequest;
import dev.sluice.workers.resilience.TargetResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a call outcome into the records that settle it: reply, audit event, a ledger entry per
 * billed attempt, or a failover. The reply lists the attempts of every target so far and costs
 * the sum of the billed ones; a ledger entry is {@code <request id>:<attempt number>} (1-based in
 * that list), so a repeated settlement charges nothing twice.
 */
public final class OutcomeSettler {
  /** Which of a model's prices a call is charged at. */
  public enum PriceMode {
    REALTIME, BATCH;

    String basis() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final ProviderRegistry providers;
  private final Clock clock;

  public OutcomeSettler(ProviderRegistry providers, Clock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  /** Settles a realtime call. */
  public Settlement settle(CallOutcome outcome) {
    return settle(outcome, PriceMode.REALTIME);
  }

  /**
   * Settles a call at {@code mode}'s prices; a batch call's ledger entries also record the
   * discount against the realtime price.
   */
  public Settlement settle(CallOutcome outcome, PriceMode mode) {
    RouteTarget target = outcome.target();
    Charges charges = new Charges(mode, providers.prices(target.getProvider(), target.getModel()),
        mode == PriceMode.BATCH ? providers.batchPrices(target.getProvider(), target.getModel()) : null);
    List<Attempt> attempts = new ArrayList<>(outcome.item().getAttempts());
    outcome.result().attempts().forEach(attempt -> attempts.add(attempt.toAttempt(charges.prices())));
    return switch (outcome.result()) {
      case TargetResult.Answered answered -> answered(outcome, answered.completion(), attempts, charges);
      case TargetResult.Failed failed -> failed(outcome, failed, attempts, charges);
    };
  }

  /** The prices charged, and the realtime ones a batch discount is measured against. */
  private record Charges(PriceMode mode, Prices realtime, Prices batch) {
    Prices prices() {
      return mode == PriceMode.BATCH ? batch : realtime;
    }

    long discountMicros(AttemptRecord attempt) {
      return mode == PriceMode.BATCH ? attempt.costMicros(realtime) - attempt.costMicros(batch) : 0;
    }
  }

  private Settlement answered(CallOutcome outcome, ChatCompletion completion, List<Attempt> attempts, Charges prices) {
    Instant now = clock.instant();
    LlmReply reply = reply(outcome, attempts, now)
        .setStatus(completion.truncated() ? ReplyStatus.TRUNCATED : ReplyStatus.OK)
        .setContent(completion.content())
        .setFinishReason(completion.finishReason())
        .setUsage(new Usage(completion.inputTokens(), completion.outputTokens()))
        .build();
    AuditEvent audit = audit(outcome, reply, "request.completed", completion.truncated() ? "truncated" : "ok")
        .setCompletionSha256(Sha256.hex(completion.content()))
        .setCompletionLength(completion.content().length())
        .setInputTokens(completion.inputTokens())
        .setOutputTokens(completion.outputTokens())
        .build();
    return terminal(outcome, reply, audit, prices, now);
  }

  private Settlement failed(CallOutcome outcome, TargetResult.Failed failed, List<Attempt> attempts, Charges prices) {
    DispatchItem item = outcome.item();
    Instant now = clock.instant();
    boolean expired = failed.next() == FailureClass.EXPIRED
        || failed.next() == FailureClass.NEXT_TARGET && Deadline.of(item.getDeadline()).passed(now);
    int next = item.getTargetIndex() + 1;
    if (failed.next() == FailureClass.NEXT_TARGET && !expired && next < item.getTargets().size()) {
      return failover(item, attempts, next, now);
    }
    ErrorInfo error = error(outcome, failed, expired);
    LlmReply reply = reply(outcome, attempts, now).setStatus(ReplyStatus.ERROR).setError(error).build();
    AuditEvent audit = audit(outcome, reply, "request.failed", error.getCode()).setErrorCode(error.getCode()).build();
    return terminal(outcome, reply, audit, prices, now);
  }

  private Settlement failover(DispatchItem item, List<Attempt> attempts, int next, Instant now) {
    DispatchItem moved = DispatchItem.newBuilder(item).setTargetIndex(next).setAttempts(attempts).build();
    return Settlement.Failover.of(moved, item.getRequestId() + ":" + next, now);
  }

  /** The terminal error: the deadline's when it passed, all targets' when the last of several gave up. */
  private static ErrorInfo error(CallOutcome outcome, TargetResult.Failed failed, boolean expired) {
    String message = TargetRequest.describe(outcome.target()) + " failed: " + failed.reason();
    if (expired) {
      return ErrorCode.DEADLINE_EXCEEDED.toError(message, null);
    }
    int targets = outcome.item().getTargets().size();
    if (failed.next() == FailureClass.NEXT_TARGET && failed.code() != ErrorCode.DEADLINE_EXCEEDED && targets > 1) {
      return ErrorCode.ALL_TARGETS_FAILED.toError("all " + targets + " targets failed; last: " + message, null);
    }
    return failed.code().toError(message, null);
  }

  private Settlement terminal(CallOutcome outcome, LlmReply reply, AuditEvent audit, Charges prices, Instant now) {
    DispatchItem item = outcome.item();
    List<AttemptRecord> atThisTarget = outcome.result().attempts();
    int before = item.getAttempts().size();
    List<CostLedgerEntry> entries = new ArrayList<>();
    for (int i = 0; i < atThisTarget.size(); i++) {
      if (atThisTarget.get(i).billed()) {
        entries.add(ledgerEntry(outcome, atThisTarget.get(i), before + i + 1, prices, now));
      }
    }
    return new Settlement.Terminal(reply, item.getReplyTopic(), audit, entries,
        DedupeKey.of(item.getCaller().getOrg(), item.getRequestId()), item.getIntakePartition());
  }

  private static CostLedgerEntry ledgerEntry(CallOutcome outcome, AttemptRecord attempt, int number, Charges charges,
      Instant now) {
    DispatchItem item = outcome.item();
    return CostLedgerEntry.newBuilder()
        .setEntryId(item.getRequestId() + ":" + number)
        .setTime(now)
        .setRequestId(item.getRequestId())
        .setKeyId(item.getCaller().getKeyId())
        .setOrg(item.getCaller().getOrg())
        .setTeam(item.getCaller().getTeam())
        .setCustomer(item.getMetadata().get("customer"))
        .setWorkflow(item.getMetadata().get("workflow"))
        .setProvider(attempt.provider())
        .setModel(attempt.model())
        .setInputTokens(attempt.usage().getInputTokens())
        .setOutputTokens(attempt.usage().getOutputTokens())
        .setCostMicros(attempt.costMicros(charges.prices()))
        .setPriceBasis(charges.prices().toBasis(charges.mode().basis()))
        .setDiscountMicros(charges.discountMicros(attempt))
        .build();
  }

  /** The parts every reply has; its cost is the sum of every billed attempt so far. */
  private static LlmReply.Builder reply(CallOutcome outcome, List<Attempt> attempts, Instant now) {
    DispatchItem item = outcome.item();
    return LlmReply.newBuilder()
        .setRequestId(item.getRequestId())
        .setCorrelationId(item.getCorrelationId())
        .setProvider(outcome.target().getProvider())
        .setModel(outcome.target().getModel())
        .setCostMicros(attempts.stream().mapToLong(Attempt::getCostMicros).sum())
        .setLatencyMs(now.toEpochMilli() - item.getReceivedAt().toEpochMilli())
        .setAttempts(attempts)
        .setCompletedAt(now);
  }

  private static AuditEvent.Builder audit(CallOutcome outcome, LlmReply reply, String action, String result) {
    DispatchItem item = outcome.item();
    return AuditEvent.newBuilder()
        .setEventId(item.getRequestId() + ":" + action)
        .setTime(reply.getCompletedAt())
        .setRequestId(item.getRequestId())
        .setKeyId(item.getCaller().getKeyId())
        .setOrg(item.getCaller().getOrg())
        .setTeam(item.getCaller().getTeam())
        .setAction(action)
        .setOutcome(result)
        .setProvider(outcome.target().getProvider())
        .setModel(outcome.target().getModel())
        .setPromptSha256(item.getPromptSha256())
        .setPromptLength(item.getPromptChars())
        .setLatencyMs(reply.getLatencyMs())
        .setRoutingDecision(routingDecision(item, outcome.target()));
  }

  private static String routingDecision(DispatchItem item, RouteTarget target) {
    String from = item.getRoute() == null ? "direct" : "route " + item.getRoute();
    return from + " -> " + TargetRequest.describe(target) + " (target " + (item.getTargetIndex() + 1) + " of " + item.getTargets().size() + ")";
  }
}
