package dev.sluice.workers.resilience;

import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One call on a chosen key, whose circuit permission {@link KeySelection} holds: waits out the
 * key's cooling and rate-limit wait, takes a bulkhead slot, then calls the adapter under the time
 * limiter ({@code timeout_ms}) and the deadline, whichever comes first. Every outcome is recorded
 * once: on the circuit breaker, the key's standing and its health figures. Never blocks a thread:
 * waits are scheduled, and time limits cancel the HTTP call.
 */
final class KeyCall {

  static final String BULKHEAD_FULL = "bulkhead_full";

  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  KeyCall(ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  CompletableFuture<AttemptResult> run(ProviderKey key, long waitMillis, TargetRequest request, int retry) {
    return after(waitMillis)
        .thenCompose(ignored -> key.bulkhead().acquire(request.deadline(), request.lane()))
        .handle((slot, expired) -> expired == null ? withSlot(key, request, retry) : giveUp(key, BULKHEAD_FULL))
        .thenCompose(Function.identity());
  }

  private CompletableFuture<AttemptResult> withSlot(ProviderKey key, TargetRequest request, int retry) {
    if (request.deadline().passed(clock.instant())) {
      key.bulkhead().release(request.lane());
      return giveUp(key, ProviderErrorClassifier.DEADLINE_EXCEEDED);
    }
    Duration timeout = key.timeLimiter().getTimeLimiterConfig().getTimeoutDuration();
    long started = clock.millis();
    CompletableFuture<ChatCompletion> call;
    try {
      call = key.adapter().complete(request.call());
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    cutAtDeadline(call, request.deadline(), timeout);
    CompletableFuture<ChatCompletion> limited = call;
    return key.timeLimiter().executeCompletionStage(scheduler, () -> limited).toCompletableFuture()
        .handle((completion, failure) ->
            settle(key, request, retry, completion, providerError(failure, timeout), clock.millis() - started));
  }

  private AttemptResult settle(ProviderKey key, TargetRequest request, int retry, ChatCompletion completion,
      ProviderException error, long latencyMs) {
    key.bulkhead().release(request.lane());
    if (error == null) {
      // Figures before the breaker: a state change publishes health, which should include this call.
      key.stats().record(latencyMs, CallStats.Kind.SUCCESS);
      key.standing().afterAnswer(completion.rateLimits());
      key.circuitBreaker().onSuccess(latencyMs, TimeUnit.MILLISECONDS);
      return new AttemptResult.Answered(completion,
          AttemptRecord.answered(request.target(), key.keyId(), retry, completion, latencyMs));
    }
    Instant now = clock.instant();
    key.stats().record(latencyMs, FailoverPolicy.isProviderFailure(error) ? CallStats.Kind.FAILURE : CallStats.Kind.OTHER);
    key.standing().afterFailure(error, now);
    // The breaker's own predicates (FailoverPolicy) decide whether this counts as a failure.
    key.circuitBreaker().onError(latencyMs, TimeUnit.MILLISECONDS, error);
    return new AttemptResult.Failed(error, AttemptRecord.failed(request.target(), key.keyId(), retry, error, latencyMs), now);
  }

  /** No call after all: the circuit permission goes back unused, so it counts neither way. */
  private static CompletableFuture<AttemptResult> giveUp(ProviderKey key, String errorType) {
    key.circuitBreaker().releasePermission();
    return CompletableFuture.completedFuture(new AttemptResult.Expired(errorType));
  }

  /** When the deadline comes before {@code timeout_ms}, the call is failed (and so cancelled) at the deadline. */
  private void cutAtDeadline(CompletableFuture<ChatCompletion> call, Deadline deadline, Duration timeout) {
    deadline.remaining(clock.instant())
        .filter(left -> left.compareTo(timeout) < 0)
        .ifPresent(left -> {
          ProviderException reached = ProviderErrorClassifier.deadlineReached(deadline.instant().orElseThrow());
          ScheduledFuture<?> cut = scheduler.schedule(() -> call.completeExceptionally(reached),
              left.toMillis(), TimeUnit.MILLISECONDS);
          call.whenComplete((value, failure) -> cut.cancel(false));
        });
  }

  private CompletableFuture<Void> after(long millis) {
    if (millis <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> waited = new CompletableFuture<>();
    scheduler.schedule(() -> waited.complete(null), millis, TimeUnit.MILLISECONDS);
    return waited;
  }

  /** The failure as a {@link ProviderException}; null for none. */
  private static ProviderException providerError(Throwable failure, Duration timeout) {
    if (failure == null) {
      return null;
    }
    Throwable cause = (failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ProviderException error) {
      return error;
    }
    return cause instanceof TimeoutException
        ? ProviderErrorClassifier.timedOut(timeout)
        : ProviderErrorClassifier.unexpectedFailure(cause);
  }
}
