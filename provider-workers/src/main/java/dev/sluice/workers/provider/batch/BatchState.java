package dev.sluice.workers.provider.batch;

/**
 * A provider batch job's state, in OpenAI's vocabulary (Anthropic's {@code in_progress},
 * {@code canceling} and {@code ended} map to {@link #IN_PROGRESS}, {@link #CANCELLING} and
 * {@link #ENDED}).
 */
public enum BatchState {
  VALIDATING, IN_PROGRESS, FINALIZING, CANCELLING,
  /** Ended: every item has its result (OpenAI {@code completed}, Anthropic {@code ended}). */
  ENDED,
  /** OpenAI: the input file was refused; no item ran. */
  FAILED,
  /** OpenAI: the completion window passed; unfinished items are reported as expired. */
  EXPIRED,
  /** OpenAI: cancelled; unfinished items are reported as cancelled. */
  CANCELLED;

  /** Whether the job will not change any more and its results can be read. */
  public boolean ended() {
    return this == ENDED || this == FAILED || this == EXPIRED || this == CANCELLED;
  }
}
