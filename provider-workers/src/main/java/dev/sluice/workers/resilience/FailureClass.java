package dev.sluice.workers.resilience;

/** What a request does after a failure at one target; see {@link FailoverPolicy} for which failure gets which. */
public enum FailureClass {
  /** Call the same target again (possibly with another key of its pool), within max_retries. */
  RETRY,
  /** This target cannot serve the request now; its next target may. */
  NEXT_TARGET,
  /** No target can: the request ends with this error. */
  FINAL,
  /** The request's deadline passed: it ends with {@code deadline_exceeded}. */
  EXPIRED
}
