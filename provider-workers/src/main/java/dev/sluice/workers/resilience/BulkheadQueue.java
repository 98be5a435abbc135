package dev.sluice.workers.resilience;

import dev.sluice.schemas.Lane;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One key's bulkhead ({@code max_concurrent} calls in flight) with a queue per lane in front: a
 * full bulkhead delays a call rather than failing it, since that is our limit, not a provider's
 * answer. A freed slot goes to the longest-waiting interactive call, then standard, then
 * deferred; one whose deadline passes leaves the queue with {@link Expired}.
 *
 * <p>Capacity is reserved per lane, so a backlog cannot take every slot: standard and deferred
 * calls together hold at most {@code max_concurrent} minus a tenth (at least one slot stays free
 * for interactive calls when there are two or more), and deferred calls at most half (at least
 * one).
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
  private final Map<Lane, Deque<CompletableFuture<Void>>> waiting = new EnumMap<>(Lane.class);
  private final Map<Lane, Integer> held = new EnumMap<>(Lane.class);
  private final int backgroundLimit;
  private final int deferredLimit;

  BulkheadQueue(Bulkhead bulkhead, ScheduledExecutorService scheduler, Clock clock) {
    this.bulkhead = bulkhead;
    this.scheduler = scheduler;
    this.clock = clock;
    int max = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    this.backgroundLimit = max < 2 ? max : max - Math.max(1, max / 10);
    this.deferredLimit = Math.max(1, Math.min(backgroundLimit, max / 2));
    for (Lane lane : Lane.values()) {
      waiting.put(lane, new ArrayDeque<>());
      held.put(lane, 0);
    }
  }

  /** A future that completes once a slot is held; the holder must {@link #release(Lane)} it. */
  CompletableFuture<Void> acquire(Deadline deadline, Lane lane) {
    CompletableFuture<Void> slot = new CompletableFuture<>();
    synchronized (this) {
      waiting.get(lane).addLast(slot);
    }
    grant();
    if (!slot.isDone()) {
      deadline.remaining(clock.instant())
          .ifPresent(left -> scheduler.schedule(() -> expire(slot, lane), left.toMillis(), TimeUnit.MILLISECONDS));
    }
    return slot;
  }

  /** Frees a slot of {@code lane} and hands it to the first waiter in lane order. */
  void release(Lane lane) {
    synchronized (this) {
      held.merge(lane, -1, Integer::sum);
    }
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
      Lane lane;
      synchronized (this) {
        lane = nextLane();
        if (lane == null || !bulkhead.tryAcquirePermission()) {
          return;
        }
        next = waiting.get(lane).pollFirst();
        held.merge(lane, 1, Integer::sum);
      }
      if (!next.complete(null)) {
        synchronized (this) {
          held.merge(lane, -1, Integer::sum);
        }
        bulkhead.releasePermission();
      }
    }
  }

  /** The lane whose first waiter gets the next slot, or null when none may take one. */
  private Lane nextLane() {
    if (!waiting.get(Lane.INTERACTIVE).isEmpty()) {
      return Lane.INTERACTIVE;
    }
    int background = held.get(Lane.STANDARD) + held.get(Lane.DEFERRED);
    if (background >= backgroundLimit) {
      return null;
    }
    if (!waiting.get(Lane.STANDARD).isEmpty()) {
      return Lane.STANDARD;
    }
    return !waiting.get(Lane.DEFERRED).isEmpty() && held.get(Lane.DEFERRED) < deferredLimit ? Lane.DEFERRED : null;
  }

  private void expire(CompletableFuture<Void> slot, Lane lane) {
    boolean removed;
    synchronized (this) {
      removed = waiting.get(lane).remove(slot);
    }
    if (removed) {
      slot.completeExceptionally(new Expired());
    }
  }
}
