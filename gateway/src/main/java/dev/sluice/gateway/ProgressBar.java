package dev.sluice.gateway;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A one-line text progress bar, redrawn in place with {@code \r} as replies arrive:
 * {@code [#########-----------]  450/1000  errors 3  212.4/s}, followed by a detail such as the
 * states of batch jobs when there is one. Thread-safe: replies complete on the client's poll thread.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  /** Redrawing on every reply of a fast batch would cost more than the batch. */
  private static final long REDRAW_EVERY_NANOS = 100_000_000L;

  private final PrintStream err;
  private final int total;
  private final LongSupplier nanoTime;
  private final Supplier<String> detail;
  private final long startedAt;
  private int done;
  private int errors;
  private long lastDrawnAt = Long.MIN_VALUE;
  private boolean drawnComplete;
  private String drawnDetail = "";
  private int drawnLength;

  ProgressBar(PrintStream err, int total, LongSupplier nanoTime) {
    this(err, total, nanoTime, () -> "");
  }

  /** @param detail shown after the rate, empty for nothing; it must not call back into this bar */
  ProgressBar(PrintStream err, int total, LongSupplier nanoTime, Supplier<String> detail) {
    this.err = err;
    this.total = total;
    this.nanoTime = nanoTime;
    this.detail = detail;
    this.startedAt = nanoTime.getAsLong();
  }

  synchronized void record(boolean error) {
    done++;
    if (error) {
      errors++;
    }
    long now = nanoTime.getAsLong();
    if (done == total || mayRedraw(now)) {
      draw(now);
    }
  }

  /** Redraws when the detail has changed, no more often than replies redraw. */
  synchronized void refresh() {
    long now = nanoTime.getAsLong();
    if (!detail.get().equals(drawnDetail) && mayRedraw(now)) {
      draw(now);
    }
  }

  /** Draws the final state, unless the last redraw showed it, and ends the line. */
  synchronized void finish() {
    err.println(drawnComplete && detail.get().equals(drawnDetail) ? "" : "\r" + padded(render()));
  }

  synchronized String render() {
    return render(detail.get());
  }

  synchronized int errors() {
    return errors;
  }

  private boolean mayRedraw(long now) {
    return lastDrawnAt == Long.MIN_VALUE || now - lastDrawnAt >= REDRAW_EVERY_NANOS;
  }

  private void draw(long now) {
    lastDrawnAt = now;
    drawnComplete = done == total;
    drawnDetail = detail.get();
    err.print("\r" + padded(render(drawnDetail)));
    err.flush();
  }

  /** A detail can get shorter: blanks cover what is left of the longer line before it. */
  private String padded(String line) {
    String shown = line + " ".repeat(Math.max(0, drawnLength - line.length()));
    drawnLength = line.length();
    return shown;
  }

  private String render(String shownDetail) {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    double seconds = (nanoTime.getAsLong() - startedAt) / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    int digits = String.valueOf(total).length();
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%" + digits + "d/%d  errors %d  %.1f/s", done, total, errors, rate)
        + (shownDetail.isEmpty() ? "" : "  " + shownDetail);
  }
}
