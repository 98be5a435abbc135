package dev.sluice.router.stage;

import java.time.Duration;
import java.time.Instant;

/** The latency replies and audit events report: from when the request entered llm.requests to now. */
final class ReplyLatency {
  private ReplyLatency() {}

  /** Milliseconds from {@code receivedAt} to {@code now}; 0 when the record time is ahead of the clock. */
  static long millis(Instant receivedAt, Instant now) {
    return Math.max(0, Duration.between(receivedAt, now).toMillis());
  }
}
