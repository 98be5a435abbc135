package dev.sluice.schemas;

import dev.sluice.schemas.avro.Priority;
import java.util.Locale;

/**
 * A dispatch lane: each has its own dispatch topic per provider and its own worker threads, so
 * that interactive work is never queued behind standard or deferred work.
 */
public enum Lane {
  /** Sent to the provider at once, never held for a batch. */
  INTERACTIVE,
  /** Held briefly so requests of one provider, model and org travel as one record. */
  STANDARD,
  /** Packed into provider batch jobs at the batch price when the provider has a batch API and the deadline allows. */
  DEFERRED;

  public static Lane of(Priority priority) {
    return switch (priority) {
      case INTERACTIVE -> INTERACTIVE;
      case STANDARD -> STANDARD;
      case DEFERRED -> DEFERRED;
    };
  }

  /** {@code interactive}, {@code standard} or {@code deferred}, as in topic names and configuration. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
