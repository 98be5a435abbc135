package dev.sluice.workers.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator's batch APIs run a job, in (fast) wall-clock time.
 *
 * @param validating how long a new OpenAI job stays {@code validating} before {@code in_progress}
 * @param completion how long from creation until every item is done; items finish in line order,
 *     evenly spread over this time
 * @param errorEvery every n-th line (1-based: n, 2n, ...) ends with a provider error
 *     (a 500 {@code server_error}); 0 for none
 * @param expireAfter when shorter than {@code completion}, the job expires at this age: items not
 *     finished by then are expired; null for never
 */
public record BatchBehaviour(Duration validating, Duration completion, int errorEvery, Duration expireAfter) {
  private static final BatchBehaviour FAST = new BatchBehaviour(Duration.ofMillis(50), Duration.ofMillis(500), 0, null);

  public BatchBehaviour {
    Objects.requireNonNull(validating, "validating");
    Objects.requireNonNull(completion, "completion");
    if (validating.isNegative() || completion.isNegative() || validating.compareTo(completion) > 0) {
      throw new IllegalArgumentException("need 0 <= validating <= completion, but were " + validating + " and " + completion);
    }
    if (errorEvery < 0) {
      throw new IllegalArgumentException("errorEvery must be >= 0, but was " + errorEvery);
    }
    if (expireAfter != null && expireAfter.isNegative()) {
      throw new IllegalArgumentException("expireAfter must be >= 0, but was " + expireAfter);
    }
  }

  /** Validating 50 ms, done after 500 ms, no errors, no expiry. */
  public static BatchBehaviour fast() {
    return FAST;
  }

  public BatchBehaviour withCompletion(Duration newCompletion) {
    return new BatchBehaviour(validating, newCompletion, errorEvery, expireAfter);
  }

  public BatchBehaviour withErrorEvery(int n) {
    return new BatchBehaviour(validating, completion, n, expireAfter);
  }

  public BatchBehaviour withExpireAfter(Duration after) {
    return new BatchBehaviour(validating, completion, errorEvery, after);
  }
}
