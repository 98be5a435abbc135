package dev.sluice.workers.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per API key, the calls of its current one-minute window, for a simulated requests-per-minute
 * limit. A key's window starts with its first call and refills a minute later, as a provider's
 * quota does; refused calls use none of it.
 */
final class RequestWindows {

  static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * One call's standing in its key's window.
   *
   * @param limit     calls per window
   * @param remaining calls left after this one
   * @param resetAt   when the window refills
   * @param admitted  false when the window was already spent
   */
  record Admission(int limit, int remaining, Instant resetAt, boolean admitted) {}

  private record Window(Instant start, int calls) {}

  private final Clock clock;
  private final Map<String, Window> windows = new HashMap<>();

  RequestWindows(Clock clock) {
    this.clock = clock;
  }

  synchronized Admission admit(String apiKey, int limit) {
    Instant now = clock.instant();
    String label = KeyLabel.of(apiKey);
    Window window = windows.get(label);
    if (window == null || !now.isBefore(window.start().plus(WINDOW))) {
      window = new Window(now, 0);
    }
    boolean admitted = window.calls() < limit;
    if (admitted) {
      window = new Window(window.start(), window.calls() + 1);
    }
    windows.put(label, window);
    return new Admission(limit, limit - window.calls(), window.start().plus(WINDOW), admitted);
  }

  synchronized void reset() {
    windows.clear();
  }
}
