package dev.sluice.workers.batch;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.dispatch.CallOutcome;
import dev.sluice.workers.dispatch.OutcomeSettler;
import dev.sluice.workers.dispatch.Settlement;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.resilience.AttemptRecord;
import dev.sluice.workers.resilience.Deadline;
import dev.sluice.workers.resilience.FailureClass;
import dev.sluice.workers.resilience.TargetResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an ended job's results into one settlement per item. An answer is settled at the batch
 * price. An item the job could not serve (a retryable error, expired, cancelled, or no result at
 * all) goes to the realtime path while its deadline allows, otherwise it ends with
 * {@code batch_expired} (or {@code deadline_exceeded} after an error). A non-retryable error ends
 * the item with that error.
 */
public final class BatchResultSettler {
  private static final Prices UNBILLED = new Prices(0, 0);

  private final OutcomeSettler settler;
  private final Clock clock;

  public BatchResultSettler(OutcomeSettler settler, Clock clock) {
    this.settler = settler;
    this.clock = clock;
  }

  public List<Settlement> settle(BatchJob job, List<BatchItemResult> results) {
    Map<Integer, BatchItemResult> byLine = new HashMap<>();
    for (BatchItemResult result : results) {
      int line = JobPacker.line(result.customId());
      if (line >= 0 && line < job.getItems().size()) {
        byLine.putIfAbsent(line, result);
      }
    }
    Instant now = clock.instant();
    long latencyMs = now.toEpochMilli() - job.getCreatedAt().toEpochMilli();
    List<Settlement> settlements = new ArrayList<>(job.getItems().size());
    for (int line = 0; line < job.getItems().size(); line++) {
      settlements.add(settle(job, job.getItems().get(line), byLine.get(line), latencyMs, now));
    }
    return settlements;
  }

  private Settlement settle(BatchJob job, DispatchItem item, BatchItemResult result, long latencyMs, Instant now) {
    RouteTarget target = item.getTargets().get(item.getTargetIndex());
    boolean deadlinePassed = Deadline.of(item.getDeadline()).passed(now);
    return switch (result) {
      case BatchItemResult.Succeeded s -> settler.settle(new CallOutcome(item, target, new TargetResult.Answered(
          s.completion(), List.of(AttemptRecord.answered(target, job.getKeyId(), 0, s.completion(), latencyMs)))),
          OutcomeSettler.PriceMode.BATCH);
      case BatchItemResult.Failed f -> {
        ErrorCode code = f.retryable() ? ErrorCode.PROVIDER_ERROR
            : f.httpStatus() >= 400 && f.httpStatus() < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.PROVIDER_ERROR;
        AttemptRecord attempt = new AttemptRecord(target.getProvider(), target.getModel(), job.getKeyId(), 0,
            code.code(), f.httpStatus() == 0 ? null : f.httpStatus(), f.errorType(), latencyMs, null);
        if (f.retryable() && !deadlinePassed) {
          yield toRealtime(item, attempt, now);
        }
        String reason = "batch job " + job.getProviderBatchId() + ": " + f.errorType() + ": " + f.message();
        yield failed(item, target, deadlinePassed && f.retryable() ? ErrorCode.DEADLINE_EXCEEDED : code, reason, attempt);
      }
      case null, default -> {
        String what = result == null ? "gave no result" : result instanceof BatchItemResult.Cancelled
            ? "was cancelled" : "expired";
        AttemptRecord attempt = AttemptRecord.refused(target, 0, ErrorCode.BATCH_EXPIRED, "batch_" + kind(result));
        if (!deadlinePassed) {
          yield toRealtime(item, attempt, now);
        }
        yield failed(item, target, ErrorCode.BATCH_EXPIRED,
            "batch job " + job.getProviderBatchId() + " " + what + " for this request and its deadline "
                + item.getDeadline() + " has passed", attempt);
      }
    };
  }

  private static String kind(BatchItemResult result) {
    return result instanceof BatchItemResult.Cancelled ? "cancelled" : result == null ? "missing" : "expired";
  }

  private Settlement failed(DispatchItem item, RouteTarget target, ErrorCode code, String reason, AttemptRecord attempt) {
    return settler.settle(new CallOutcome(item, target,
        new TargetResult.Failed(FailureClass.FINAL, code, reason, List.of(attempt))), OutcomeSettler.PriceMode.BATCH);
  }

  /** The same target, called in realtime on the deferred lane, with the job's attempt in its history. */
  private static Settlement toRealtime(DispatchItem item, AttemptRecord attempt, Instant now) {
    List<Attempt> attempts = new ArrayList<>(item.getAttempts());
    attempts.add(attempt.toAttempt(UNBILLED));
    DispatchItem moved = DispatchItem.newBuilder(item).setRealtimeOnly(true).setAttempts(attempts).build();
    return Settlement.Failover.of(moved, item.getRequestId() + ":realtime", now);
  }
}
