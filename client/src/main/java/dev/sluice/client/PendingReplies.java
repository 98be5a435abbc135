package dev.sluice.client;

import dev.sluice.schemas.avro.LlmReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The futures waiting for replies, by request id, each failing on its own timeout. */
final class PendingReplies implements AutoCloseable {
  private final Map<String, CompletableFuture<LlmReply>> pending = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;

  PendingReplies() {
    timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "sluice-client-timeouts");
      thread.setDaemon(true);
      return thread;
    });
    // Most requests are answered long before their timeout; cancelled timers should not pile up.
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * A new future for {@code requestId} that fails with a {@link TimeoutException} after
   * {@code timeout}. Whatever completes it (reply, timeout, failure, caller's cancel) removes it.
   *
   * @throws IllegalArgumentException if a request with this id is already waiting
   */
  CompletableFuture<LlmReply> register(String requestId, Duration timeout) {
    CompletableFuture<LlmReply> future = new CompletableFuture<>();
    if (pending.putIfAbsent(requestId, future) != null) {
      throw new IllegalArgumentException("request id '" + requestId + "' is already waiting for a reply");
    }
    ScheduledFuture<?> expiry = timer.schedule(
        () -> future.completeExceptionally(new TimeoutException(
            "no reply to request " + requestId + " within " + describe(timeout))),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    future.whenComplete((reply, error) -> {
      pending.remove(requestId, future);
      expiry.cancel(false);
    });
    return future;
  }

  /** Completes the future waiting for this reply's request, if this client sent it. */
  void complete(LlmReply reply) {
    CompletableFuture<LlmReply> future = pending.get(reply.getRequestId());
    if (future != null) {
      future.complete(reply);
    }
  }

  void fail(String requestId, Throwable error) {
    CompletableFuture<LlmReply> future = pending.get(requestId);
    if (future != null) {
      future.completeExceptionally(error);
    }
  }

  /** Fails every waiting future with the error made for its request id. */
  void failAll(Function<String, Throwable> error) {
    for (Map.Entry<String, CompletableFuture<LlmReply>> entry : List.copyOf(pending.entrySet())) {
      entry.getValue().completeExceptionally(error.apply(entry.getKey()));
    }
  }

  int size() {
    return pending.size();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  static String describe(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }
}
