package dev.sluice.workers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.Lane;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A key's bulkhead serves interactive calls first and keeps slots from the background lanes. */
class BulkheadQueueTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private BulkheadQueue bulkhead(int maxConcurrent) {
    return new BulkheadQueue(Bulkhead.of("test", BulkheadConfig.custom().maxConcurrentCalls(maxConcurrent)
        .maxWaitDuration(Duration.ZERO).build()), scheduler, Clock.systemUTC());
  }

  private static CompletableFuture<Void> acquire(BulkheadQueue queue, Lane lane) {
    return queue.acquire(Deadline.none(), lane);
  }

  @Test
  void deferredCallsHoldAtMostHalfTheSlotsAndBackgroundCallsLeaveOneForInteractive() {
    BulkheadQueue queue = bulkhead(4);

    CompletableFuture<Void> d1 = acquire(queue, Lane.DEFERRED);
    CompletableFuture<Void> d2 = acquire(queue, Lane.DEFERRED);
    CompletableFuture<Void> d3 = acquire(queue, Lane.DEFERRED);
    CompletableFuture<Void> s1 = acquire(queue, Lane.STANDARD);
    CompletableFuture<Void> s2 = acquire(queue, Lane.STANDARD);
    CompletableFuture<Void> i1 = acquire(queue, Lane.INTERACTIVE);

    assertThat(d1).isDone();
    assertThat(d2).isDone();
    assertThat(d3).as("a third deferred call passes half of 4 slots").isNotDone();
    assertThat(s1).isDone();
    assertThat(s2).as("standard and deferred together keep one of 4 slots free").isNotDone();
    assertThat(i1).as("the slot kept free").isDone();
  }

  @Test
  void aFreedSlotGoesToTheInteractiveWaiterBeforeEarlierStandardAndDeferredOnes() {
    BulkheadQueue queue = bulkhead(2);
    acquire(queue, Lane.INTERACTIVE);
    acquire(queue, Lane.INTERACTIVE);
    CompletableFuture<Void> deferred = acquire(queue, Lane.DEFERRED);
    CompletableFuture<Void> standard = acquire(queue, Lane.STANDARD);
    CompletableFuture<Void> interactive = acquire(queue, Lane.INTERACTIVE);

    queue.release(Lane.INTERACTIVE);
    assertThat(interactive).isDone();
    assertThat(standard).isNotDone();
    assertThat(deferred).isNotDone();

    queue.release(Lane.INTERACTIVE);
    assertThat(standard).isDone();
    assertThat(deferred).isNotDone();

    queue.release(Lane.INTERACTIVE);
    assertThat(deferred).as("the background limit of 2 slots is 1, which standard holds").isNotDone();
    queue.release(Lane.STANDARD);
    assertThat(deferred).isDone();
  }
}
