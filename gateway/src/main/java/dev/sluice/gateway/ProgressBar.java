package dev.sluice.gateway;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line text progress bar, redrawn in place with {@code \r} as replies arrive:
 * {@code [#########-----------]  450/1000  errors 3  212.4/s}. Thread-safe: replies complete on
 * the client's poll thread.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  /** Redrawing on every reply of a fast batch would cost more than the batch. */
  private static final long REDRAW_EVERY_NANOS = 100_000_000L;

  private final PrintStream err;
  private final int total;
  private final LongSupplier nanoTime;
  private final long startedAt;
  private int done;
  private int errors;
  private long lastDrawnAt = Long.MIN_VALUE;
  private boolean drawnComplete;

  ProgressBar(PrintStream err, int total, LongSupplier nanoTime) {
    this.err = err;
    this.total = total;
    this.nanoTime = nanoTime;
    this.startedAt = nanoTime.getAsLong();
  }

  synchronized void record(boolean error) {
    done++;
    if (error) {
      errors++;
    }
    long now = nanoTime.getAsLong();
    if (done == total || lastDrawnAt == Long.MIN_VALUE || now - lastDrawnAt >= REDRAW_EVERY_NANOS) {
      lastDrawnAt = now;
      drawnComplete = done == total;
      err.print("\r" + render());
      err.flush();
    }
  }

  /** Draws the final state, unless the last redraw showed it, and ends the line. */
  synchronized void finish() {
    err.println(drawnComplete ? "" : "\r" + render());
  }

  synchronized String render() {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    double seconds = (nanoTime.getAsLong() - startedAt) / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    int digits = String.valueOf(total).length();
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%" + digits + "d/%d  errors %d  %.1f/s", done, total, errors, rate);
  }

  synchronized int errors() {
    return errors;
  }
}
