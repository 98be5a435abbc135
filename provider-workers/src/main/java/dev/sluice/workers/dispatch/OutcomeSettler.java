package dev.sluice.workers.dispatch;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ErrorInfo;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a call outcome into the records that settle it: reply, ledger entry, audit event, or failover. */
public final class OutcomeSettler {
  private static final String REALTIME = "realtime";

  private final ProviderRegistry providers;
  private final Clock clock;

  public OutcomeSettler(ProviderRegistry providers, Clock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  public Settlement settle(CallOutcome outcome) {
    return switch (outcome) {
      case CallOutcome.Answered answered -> answered(answered);
      case CallOutcome.Failed failed -> failed(failed);
      case CallOutcome.Expired expired -> terminalError(expired.item(), attemptsPlus(expired.item(), null),
          ErrorCode.DEADLINE_EXCEEDED.toError("the request's deadline " + expired.item().getDeadline()
              + " passed before " + describe(expired.target()) + " could be called", null), expired.target());
    };
  }

  private Settlement answered(CallOutcome.Answered answered) {
    DispatchItem item = answered.item();
    ChatCompletion completion = answered.completion();
    RouteTarget target = answered.target();
    Prices prices = providers.prices(target.getProvider(), target.getModel());
    long cost = prices.costMicros(completion.inputTokens(), completion.outputTokens());
    String outcomeName = completion.truncated() ? "truncated" : "ok";
    Attempt attempt = new Attempt(target.getProvider(), target.getModel(), outcomeName, completion.httpStatus(),
        answered.latencyMs(), true, null, 0, null, 0L);
    List<Attempt> attempts = attemptsPlus(item, attempt);
    Instant now = clock.instant();
    LlmReply reply = LlmReply.newBuilder()
        .setRequestId(item.getRequestId())
        .setCorrelationId(item.getCorrelationId())
        .setStatus(completion.truncated() ? ReplyStatus.TRUNCATED : ReplyStatus.OK)
        .setContent(completion.content())
        .setFinishReason(completion.finishReason())
        .setUsage(new Usage(completion.inputTokens(), completion.outputTokens()))
        .setProvider(target.getProvider())
        .setModel(target.getModel())
        .setCostMicros(cost)
        .setLatencyMs(now.toEpochMilli() - item.getReceivedAt().toEpochMilli())
        .setAttempts(attempts)
        .setCompletedAt(now)
        .build();
    CostLedgerEntry entry = CostLedgerEntry.newBuilder()
        .setEntryId(item.getRequestId() + ":" + attempts.size())
        .setTime(now)
        .setRequestId(item.getRequestId())
        .setKeyId(item.getCaller().getKeyId())
        .setOrg(item.getCaller().getOrg())
        .setTeam(item.getCaller().getTeam())
        .setCustomer(item.getMetadata().get("customer"))
        .setWorkflow(item.getMetadata().get("workflow"))
        .setProvider(target.getProvider())
        .setModel(target.getModel())
        .setInputTokens(completion.inputTokens())
        .setOutputTokens(completion.outputTokens())
        .setCostMicros(cost)
        .setPriceBasis(prices.toBasis(REALTIME))
        .build();
    AuditEvent audit = audit(item, target, reply, "request.completed", outcomeName)
        .setCompletionSha256(Sha256.hex(completion.content()))
        .setCompletionLength(completion.content().length())
        .setInputTokens(completion.inputTokens())
        .setOutputTokens(completion.outputTokens())
        .build();
    return new Settlement.Terminal(reply, item.getReplyTopic(), audit, Optional.of(entry));
  }

  private Settlement failed(CallOutcome.Failed failed) {
    DispatchItem item = failed.item();
    ProviderException error = failed.error();
    RouteTarget target = failed.target();
    ErrorCode code = error.httpStatus() == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.PROVIDER_ERROR;
    Attempt attempt = new Attempt(target.getProvider(), target.getModel(), code.code(),
        error.httpStatus() == ProviderException.NO_HTTP_STATUS ? null : error.httpStatus(), failed.latencyMs(), false, null, 0, null, 0L);
    List<Attempt> attempts = attemptsPlus(item, attempt);
    int next = item.getTargetIndex() + 1;
    if (error.retryable() && next < item.getTargets().size()) {
      DispatchItem moved = DispatchItem.newBuilder(item).setTargetIndex(next).setAttempts(attempts).build();
      RouteTarget nextTarget = item.getTargets().get(next);
      DispatchBatch batch = DispatchBatch.newBuilder()
          .setBatchId(item.getRequestId() + ":" + next)
          .setProvider(nextTarget.getProvider())
          .setModel(nextTarget.getModel())
          .setCreatedAt(clock.instant())
          .setItems(List.of(moved))
          .build();
      return new Settlement.Failover(nextTarget.getProvider(), batch);
    }
    String message = describe(target) + " failed: " + error.getMessage()
        + (error.httpStatus() == ProviderException.NO_HTTP_STATUS ? "" : " (HTTP " + error.httpStatus() + ")");
    ErrorInfo info = error.retryable() && item.getTargets().size() > 1
        ? ErrorCode.ALL_TARGETS_FAILED.toError("all " + item.getTargets().size() + " targets failed; last: " + message, null)
        : code.toError(message, null);
    return terminalError(item, attempts, info, target);
  }

  private Settlement terminalError(DispatchItem item, List<Attempt> attempts, ErrorInfo error, RouteTarget target) {
    Instant now = clock.instant();
    LlmReply reply = LlmReply.newBuilder()
        .setRequestId(item.getRequestId())
        .setCorrelationId(item.getCorrelationId())
        .setStatus(ReplyStatus.ERROR)
        .setProvider(target.getProvider())
        .setModel(target.getModel())
        .setLatencyMs(now.toEpochMilli() - item.getReceivedAt().toEpochMilli())
        .setAttempts(attempts)
        .setError(error)
        .setCompletedAt(now)
        .build();
    AuditEvent audit = audit(item, target, reply, "request.failed", error.getCode()).setErrorCode(error.getCode()).build();
    return new Settlement.Terminal(reply, item.getReplyTopic(), audit, Optional.empty());
  }

  private static AuditEvent.Builder audit(DispatchItem item, RouteTarget target, LlmReply reply, String action, String outcome) {
    return AuditEvent.newBuilder()
        .setEventId(item.getRequestId() + ":" + action)
        .setTime(reply.getCompletedAt())
        .setRequestId(item.getRequestId())
        .setKeyId(item.getCaller().getKeyId())
        .setOrg(item.getCaller().getOrg())
        .setTeam(item.getCaller().getTeam())
        .setAction(action)
        .setOutcome(outcome)
        .setProvider(target.getProvider())
        .setModel(target.getModel())
        .setPromptSha256(item.getPromptSha256())
        .setPromptLength(item.getPromptChars())
        .setLatencyMs(reply.getLatencyMs())
        .setRoutingDecision(routingDecision(item, target));
  }

  private static String routingDecision(DispatchItem item, RouteTarget target) {
    String from = item.getRoute() == null ? "direct" : "route " + item.getRoute();
    return from + " -> " + describe(target) + " (target " + (item.getTargetIndex() + 1) + " of " + item.getTargets().size() + ")";
  }

  private static String describe(RouteTarget target) {
    return target.getProvider() + "/" + target.getModel();
  }

  private static List<Attempt> attemptsPlus(DispatchItem item, Attempt attempt) {
    List<Attempt> attempts = new ArrayList<>(item.getAttempts());
    if (attempt != null) {
      attempts.add(attempt);
    }
    return attempts;
  }
}
