package dev.sluice.workers.resilience;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.workers.provider.ProviderException;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One request at one target: attempts, and retries after {@link FailureClass#RETRY} failures as
 * the provider's Resilience4j retry allows, until an answer or a failure that ends the target.
 * Attempts run one after another (each starts from the previous one's completion or a scheduled
 * wait), so the attempt list needs no lock.
 */
final class TargetRun {

  private final TargetRequest request;
  private final Retry.AsyncContext<Object> retryContext;
  private final int maxRetries;
  private final KeySelection selection;
  private final KeyCall keyCall;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final List<AttemptRecord> attempts = new ArrayList<>();
  private final CompletableFuture<TargetResult> result = new CompletableFuture<>();
  private int retry;

  TargetRun(TargetRequest request, Retry retry, KeySelection selection, KeyCall keyCall,
      ScheduledExecutorService scheduler, Clock clock) {
    this.request = request;
    this.retryContext = retry.asyncContext();
    this.maxRetries = retry.getRetryConfig().getMaxAttempts() - 1;
    this.selection = selection;
    this.keyCall = keyCall;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  CompletableFuture<TargetResult> start() {
    attempt();
    return result;
  }

  private void attempt() {
    try {
      if (request.deadline().passed(clock.instant())) {
        end(FailureClass.EXPIRED, ErrorCode.DEADLINE_EXCEEDED, "the deadline " + request.deadline() + " passed before retry " + retry);
        return;
      }
      switch (selection.choose(request)) {
        case KeySelection.Refused refused -> refuse(refused);
        case KeySelection.Chosen chosen -> keyCall.run(chosen.key(), chosen.waitMillis(), request, retry)
            .thenAccept(this::afterAttempt)
            .exceptionally(this::abandon);
      }
    } catch (RuntimeException e) {
      abandon(e);
    }
  }

  private void refuse(KeySelection.Refused refused) {
    ErrorCode code = ErrorCode.PROVIDER_ERROR;
    String why;
    switch (refused.errorType()) {
      case KeySelection.CIRCUIT_OPEN -> why = "every allowed key of " + request.target().getProvider() + " has an open circuit";
      case KeySelection.NO_ALLOWED_KEY -> why = "none of the keys " + request.target().getKeys() + " is in the provider's pool";
      default -> {
        code = refused.deadlineBound() ? ErrorCode.DEADLINE_EXCEEDED : ErrorCode.RATE_LIMITED;
        why = refused.deadlineBound()
            ? "every allowed key must wait (rate limit or Retry-After) past the deadline " + request.deadline()
            : "every allowed key must wait (rate limit or Retry-After) longer than backoff_max_ms=" + selection.maxWaitMillis();
      }
    }
    attempts.add(AttemptRecord.refused(request.target(), retry, code, refused.errorType()));
    end(FailureClass.NEXT_TARGET, code, refused.errorType() + ": " + why);
  }

  private void afterAttempt(AttemptResult outcome) {
    switch (outcome) {
      case AttemptResult.Answered answered -> {
        attempts.add(answered.attempt());
        retryContext.onComplete();
        result.complete(new TargetResult.Answered(answered.completion(), attempts));
      }
      case AttemptResult.Expired expired -> {
        attempts.add(AttemptRecord.refused(request.target(), retry, ErrorCode.DEADLINE_EXCEEDED, expired.errorType()));
        end(FailureClass.EXPIRED, ErrorCode.DEADLINE_EXCEEDED,
            "the deadline " + request.deadline() + " passed while the call waited for a key (" + expired.errorType() + ")");
      }
      case AttemptResult.Failed failed -> {
        attempts.add(failed.attempt());
        afterFailure(failed.error(), failed.at());
      }
    }
  }

  private void afterFailure(ProviderException error, Instant failedAt) {
    FailureClass next = FailoverPolicy.classify(error, request.fallbackOn());
    ErrorCode code = FailoverPolicy.errorCode(error);
    if (next != FailureClass.RETRY) {
      end(next, code, error.getMessage());
      return;
    }
    // From the failure's time, so that a Retry-After is waited in full from when it was received.
    Duration floor = selection.readyIn(request, failedAt);
    long wait = retryContext.onError(new RetryableFailure(error, floor));
    if (wait < 0) {
      end(FailureClass.NEXT_TARGET, code, floor.toMillis() > selection.maxWaitMillis()
          ? "asked to wait " + floor.toMillis() + " ms, beyond backoff_max_ms=" + selection.maxWaitMillis() + "; last: " + error.getMessage()
          : "failed " + (retry + 1) + " calls (max_retries=" + maxRetries + "); last: " + error.getMessage());
    } else if (!request.deadline().allows(clock.instant(), wait)) {
      end(FailureClass.NEXT_TARGET, ErrorCode.DEADLINE_EXCEEDED, "the wait of " + wait
          + " ms before retry " + (retry + 1) + " would pass the deadline " + request.deadline() + "; last: " + error.getMessage());
    } else {
      retry++;
      scheduler.schedule(this::attempt, wait, TimeUnit.MILLISECONDS);
    }
  }

  private void end(FailureClass next, ErrorCode code, String reason) {
    result.complete(new TargetResult.Failed(next, code, reason, attempts));
  }

  /** A bug or a closing scheduler: the request still gets a result rather than hanging its batch. */
  private Void abandon(Throwable failure) {
    end(FailureClass.FINAL, ErrorCode.PROVIDER_ERROR, "the worker could not complete the call: " + failure);
    return null;
  }
}
