package dev.sluice.workers.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One batch job in the simulator: where it stands and how each of its items ends, as a pure
 * function of the time. Items finish in line order, evenly over {@link BatchBehaviour#completion()}.
 * A job is cancelled at most once; items not finished by then are cancelled.
 */
final class SimulatedBatch {

  /** The simulator's view of a job, mapped by each API to its own vocabulary. */
  enum Phase { VALIDATING, IN_PROGRESS, CANCELLING, COMPLETED, EXPIRED, CANCELLED }

  /** How one item ends, or that it has not yet. */
  enum ItemOutcome { PENDING, SUCCEEDED, ERRORED, EXPIRED, CANCELLED }

  /** A cancelled job stays {@code cancelling} this long, as the providers' jobs do for a while. */
  static final Duration CANCELLING_TIME = Duration.ofMillis(100);

  private final String id;
  private final Instant createdAt;
  private final int items;
  private final BatchBehaviour behaviour;
  private volatile Instant cancelledAt;

  SimulatedBatch(String id, Instant createdAt, int items, BatchBehaviour behaviour) {
    this.id = Objects.requireNonNull(id, "id");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.items = items;
    this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
  }

  String id() {
    return id;
  }

  Instant createdAt() {
    return createdAt;
  }

  int items() {
    return items;
  }

  /** When cancellation was asked for, or null when it was not. */
  Instant cancelledAt() {
    return cancelledAt;
  }

  /** When the job expires: at its behaviour's {@code expireAfter}, else at the provider's {@code window}. */
  Instant expiresAt(Duration window) {
    return createdAt.plus(behaviour.expireAfter() == null ? window : behaviour.expireAfter());
  }

  BatchBehaviour behaviour() {
    return behaviour;
  }

  /** When the job expires, or null when it runs to completion first. */
  Instant expiresAt() {
    return expires() ? createdAt.plus(behaviour.expireAfter()) : null;
  }

  /** Cancels the job at {@code now} unless it has ended or was cancelled before; returns whether it did. */
  synchronized boolean cancel(Instant now) {
    if (cancelledAt != null || ended(now)) {
      return false;
    }
    cancelledAt = now;
    return true;
  }

  Phase phase(Instant now) {
    if (cancelledAt != null) {
      return now.isBefore(cancelledAt.plus(CANCELLING_TIME)) ? Phase.CANCELLING : Phase.CANCELLED;
    }
    Duration age = Duration.between(createdAt, now);
    if (expires() && age.compareTo(behaviour.expireAfter()) >= 0) {
      return Phase.EXPIRED;
    }
    if (age.compareTo(behaviour.completion()) >= 0) {
      return Phase.COMPLETED;
    }
    return age.compareTo(behaviour.validating()) < 0 ? Phase.VALIDATING : Phase.IN_PROGRESS;
  }

  boolean ended(Instant now) {
    Phase phase = phase(now);
    return phase == Phase.COMPLETED || phase == Phase.EXPIRED || phase == Phase.CANCELLED;
  }

  /** When the job ended, or null while it runs. */
  Instant endedAt(Instant now) {
    return switch (phase(now)) {
      case COMPLETED -> createdAt.plus(behaviour.completion());
      case EXPIRED -> createdAt.plus(behaviour.expireAfter());
      case CANCELLED -> cancelledAt.plus(CANCELLING_TIME);
      default -> null;
    };
  }

  /** How item {@code index} (0-based line number) stands at {@code now}. */
  ItemOutcome item(int index, Instant now) {
    if (index < 0 || index >= items) {
      throw new IndexOutOfBoundsException("item " + index + " of " + items);
    }
    Instant finishes = finishes(index);
    Instant stop = stoppedAt();
    if (stop != null && !finishes.isBefore(stop)) {
      // The job stopped before this item's turn.
      if (now.isBefore(stop)) {
        return ItemOutcome.PENDING;
      }
      return cancelledAt != null && cancelledAt.equals(stop) ? ItemOutcome.CANCELLED : ItemOutcome.EXPIRED;
    }
    if (now.isBefore(finishes)) {
      return ItemOutcome.PENDING;
    }
    return behaviour.errorEvery() > 0 && (index + 1) % behaviour.errorEvery() == 0
        ? ItemOutcome.ERRORED : ItemOutcome.SUCCEEDED;
  }

  /** Items finished with each outcome at {@code now}, indexed by {@link ItemOutcome#ordinal()}. */
  int[] counts(Instant now) {
    int[] counts = new int[ItemOutcome.values().length];
    for (int i = 0; i < items; i++) {
      counts[item(i, now).ordinal()]++;
    }
    return counts;
  }

  /** Item i finishes at createdAt + completion * (i + 1) / items. */
  private Instant finishes(int index) {
    long nanos = behaviour.completion().toNanos() * (index + 1) / Math.max(1, items);
    return createdAt.plusNanos(nanos);
  }

  /** The earlier of cancellation and expiry, or null when the job runs to completion. */
  private Instant stoppedAt() {
    Instant expiry = expires() ? createdAt.plus(behaviour.expireAfter()) : null;
    if (cancelledAt == null) {
      return expiry;
    }
    return expiry == null || cancelledAt.isBefore(expiry) ? cancelledAt : expiry;
  }

  private boolean expires() {
    return behaviour.expireAfter() != null && behaviour.expireAfter().compareTo(behaviour.completion()) < 0;
  }
}
