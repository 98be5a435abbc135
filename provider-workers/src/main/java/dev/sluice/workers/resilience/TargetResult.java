package dev.sluice.workers.resilience;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.workers.provider.ChatCompletion;
import java.util.List;

/** What came of one request at one target, with every attempt it made there. */
public sealed interface TargetResult {

  /** The attempts made at this target, in order. */
  List<AttemptRecord> attempts();

  /** The provider answered (completely or cut short: see {@link ChatCompletion#truncated()}). */
  record Answered(ChatCompletion completion, List<AttemptRecord> attempts) implements TargetResult {
    public Answered {
      attempts = List.copyOf(attempts);
    }
  }

  /**
   * The target did not answer.
   *
   * @param next   {@link FailureClass#NEXT_TARGET}, {@link FailureClass#FINAL} or {@link FailureClass#EXPIRED}
   * @param code   the error code when this failure is the request's last word
   * @param reason what went wrong, naming the limit or the provider's error; no secrets
   */
  record Failed(FailureClass next, ErrorCode code, String reason, List<AttemptRecord> attempts) implements TargetResult {
    public Failed {
      if (next == FailureClass.RETRY) {
        throw new IllegalArgumentException("a target's result must say what follows it, but was " + next);
      }
      attempts = List.copyOf(attempts);
    }
  }
}
