package dev.sluice.workers.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One key's bulkhead ({@code max_concurrent} calls in flight) with a queue in front: a full
 * bulkhead delays a call rather than failing it, since that is our limit, not a provider's
 * answer. Waiters are served first come, first served; one whose deadline passes leaves the queue
 * with {@link Expired}.
 */
final class BulkheadQueue {

  /** The deadline passed while the call waited for a free slot. */
  static final class Expired extends RuntimeException {
    Expired() {
      // Control flow, not a bug: no stack trace to fill.
      super("the deadline passed while waiting for a free bulkhead slot", null, false, false);
    }
  }

  private final Bulkhead bulkhead;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

  BulkheadQueue(Bulkhead bulkhead, ScheduledExecutorService scheduler, Clock clock) {
    this.bulkhead = bulkhead;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** A future that completes once a slot is held; the holder must {@link #release()} it. */
  CompletableFuture<Void> acquire(Deadline deadline) {
    CompletableFuture<Void> slot = new CompletableFuture<>();
    synchronized (this) {
      waiting.addLast(slot);
    }
    grant();
    if (!slot.isDone()) {
      deadline.remaining(clock.instant())
          .ifPresent(left -> scheduler.schedule(() -> expire(slot), left.toMillis(), TimeUnit.MILLISECONDS));
    }
    return slot;
  }

  /** Frees a slot and hands it to the longest waiter. */
  void release() {
    bulkhead.onComplete();
    grant();
  }

  Bulkhead bulkhead() {
    return bulkhead;
  }

  // Waiters are completed outside the lock: completing one starts its call on this thread.
  private void grant() {
    while (true) {
      CompletableFuture<Void> next;
      synchronized (this) {
        if (waiting.isEmpty() || !bulkhead.tryAcquirePermission()) {
          return;
        }
        next = waiting.pollFirst();
      }
      if (!next.complete(null)) {
        bulkhead.releasePermission();
      }
    }
  }

  private void expire(CompletableFuture<Void> slot) {
    boolean removed;
    synchronized (this) {
      removed = waiting.remove(slot);
    }
    if (removed) {
      slot.completeExceptionally(new Expired());
    }
  }
}
