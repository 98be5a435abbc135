package dev.sluice.router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's topic list, cached. Answers from memory, refreshing the list in the background
 * every {@code refreshEvery} (default 30 s). A topic not in the list may just have been created,
 * so a miss waits for a fresh list, at most {@code missWait} (default 500 ms), but only once per
 * {@code missRecheckEvery} (default 3 s) across all stream threads.
 *
 * <p>The trade-off: the stream thread never waits longer than {@code missWait}, and a flood of
 * requests naming missing topics costs at most one such wait per {@code missRecheckEvery}. In
 * exchange, a reply topic created moments ago can still be refused, when another miss has just
 * used up the re-check (the caller gets an {@code invalid_request} reply on llm.replies and may
 * resend); and a deleted topic is believed to exist for up to {@code refreshEvery}, during which
 * replies to it wait in the producer for its metadata. Topics are rarely deleted while in use.
 */
public final class AdminReplyTopicDirectory implements ReplyTopicDirectory {
  public static final Duration DEFAULT_REFRESH_EVERY = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MISS_RECHECK_EVERY = Duration.ofSeconds(3);
  public static final Duration DEFAULT_MISS_WAIT = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(AdminReplyTopicDirectory.class);

  /** Lists the broker's topic names: returns at once, completes when the broker answers. */
  @FunctionalInterface
  public interface TopicLister {
    CompletionStage<Set<String>> listTopics();
  }

  private final TopicLister lister;
  private final Clock clock;
  private final Duration refreshEvery;
  private final Duration missRecheckEvery;
  private final Duration missWait;
  private final AtomicReference<CompletableFuture<Set<String>>> inFlight = new AtomicReference<>();
  private final AtomicLong nextMissCheckMs = new AtomicLong(Long.MIN_VALUE);
  private volatile Set<String> known = Set.of();
  private volatile Instant nextRefresh = Instant.MIN;

  public AdminReplyTopicDirectory(TopicLister lister, Clock clock, Duration refreshEvery, Duration missRecheckEvery,
      Duration missWait) {
    this.lister = lister;
    this.clock = clock;
    this.refreshEvery = positive("refreshEvery", refreshEvery);
    this.missRecheckEvery = positive("missRecheckEvery", missRecheckEvery);
    this.missWait = positive("missWait", missWait);
  }

  /** A directory over the admin client's topic list (internal topics excluded), with the default timings. */
  public static AdminReplyTopicDirectory create(Admin admin, Clock clock) {
    return new AdminReplyTopicDirectory(() -> admin.listTopics().names().toCompletionStage(), clock,
        DEFAULT_REFRESH_EVERY, DEFAULT_MISS_RECHECK_EVERY, DEFAULT_MISS_WAIT);
  }

  @Override
  public boolean exists(String topic) {
    Instant now = clock.instant();
    if (!now.isBefore(nextRefresh)) {
      refresh();
    }
    if (known.contains(topic)) {
      return true;
    }
    long due = nextMissCheckMs.get();
    long nowMs = now.toEpochMilli();
    if (nowMs < due || !nextMissCheckMs.compareAndSet(due, nowMs + missRecheckEvery.toMillis())) {
      return false;
    }
    return await(refresh(), missWait).contains(topic);
  }

  /** Fetches the list now, waiting at most {@code timeout}; whether it arrived in time. */
  public boolean refreshNow(Duration timeout) {
    CompletableFuture<Set<String>> listing = refresh();
    await(listing, timeout);
    return listing.isDone() && !listing.isCompletedExceptionally();
  }

  /** The listing under way, or a new one: never more than one at a time. */
  private CompletableFuture<Set<String>> refresh() {
    while (true) {
      CompletableFuture<Set<String>> running = inFlight.get();
      if (running != null) {
        return running;
      }
      CompletableFuture<Set<String>> mine = new CompletableFuture<>();
      if (inFlight.compareAndSet(null, mine)) {
        try {
          lister.listTopics().whenComplete((names, error) -> finish(mine, names, error));
        } catch (RuntimeException e) {
          finish(mine, null, e);
        }
        return mine;
      }
    }
  }

  private void finish(CompletableFuture<Set<String>> listing, Set<String> names, Throwable error) {
    Instant now = clock.instant();
    if (error == null) {
      known = Set.copyOf(names);
      nextRefresh = now.plus(refreshEvery);
    } else {
      // Retry sooner than a full period, but not on every request while the broker is away.
      nextRefresh = now.plus(missRecheckEvery);
      log.warn("listing topics failed; reply topics are checked against the last list ({} topics): {}",
          known.size(), error.toString());
    }
    // Cleared before completing, so that a waiter asking again starts a new listing.
    inFlight.set(null);
    if (error == null) {
      listing.complete(known);
    } else {
      listing.completeExceptionally(error);
    }
  }

  private Set<String> await(CompletableFuture<Set<String>> listing, Duration timeout) {
    try {
      return listing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return known;
    } catch (ExecutionException | TimeoutException e) {
      return known;
    }
  }

  private static Duration positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, but was " + value);
    }
    return value;
  }
}
