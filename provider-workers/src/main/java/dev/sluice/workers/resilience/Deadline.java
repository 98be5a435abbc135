package dev.sluice.workers.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The instant by which a request must be answered, or none. No call or wait may start that would run past it. */
public final class Deadline {

  private static final Deadline NONE = new Deadline(null);

  private final Instant at;

  private Deadline(Instant at) {
    this.at = at;
  }

  /** @param at the deadline, or null for none */
  public static Deadline of(Instant at) {
    return at == null ? NONE : new Deadline(at);
  }

  public static Deadline none() {
    return NONE;
  }

  /** True once {@code now} has reached the deadline. */
  public boolean passed(Instant now) {
    return at != null && !now.isBefore(at);
  }

  /** True when a wait of {@code millis} from {@code now} still ends before the deadline. */
  public boolean allows(Instant now, long millis) {
    return at == null || now.plusMillis(millis).isBefore(at);
  }

  /** Time left from {@code now}, never negative; empty without a deadline. */
  public Optional<Duration> remaining(Instant now) {
    if (at == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, at);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  public Optional<Instant> instant() {
    return Optional.ofNullable(at);
  }

  @Override
  public String toString() {
    return at == null ? "no deadline" : at.toString();
  }
}
