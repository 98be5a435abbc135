package dev.sluice.workers.simulator;

import java.util.Objects;

/**
 * One injected fault.
 *
 * @param kind              what happens
 * @param status            the HTTP status of a {@link FaultKind#STATUS} fault (400..599), else 0
 * @param retryAfterSeconds the {@code Retry-After} of a {@link FaultKind#RATE_LIMITED} fault, else 0
 */
public record Fault(FaultKind kind, int status, int retryAfterSeconds) {

  private static final Fault NONE = new Fault(FaultKind.NONE, 0, 0);

  public Fault {
    Objects.requireNonNull(kind, "kind");
    if (kind == FaultKind.STATUS && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("status of a status fault must be in 400..599, but was " + status);
    }
    if (kind != FaultKind.STATUS && status != 0) {
      throw new IllegalArgumentException("only a status fault has a status, but " + kind + " had " + status);
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must be >= 0, but was " + retryAfterSeconds);
    }
  }

  public static Fault none() {
    return NONE;
  }

  /** An error status (400, 401, 500, 503, 529...) with the provider's error body. */
  public static Fault status(int status) {
    return new Fault(FaultKind.STATUS, status, 0);
  }

  /** 429 with {@code Retry-After: retryAfterSeconds}. */
  public static Fault rateLimited(int retryAfterSeconds) {
    return new Fault(FaultKind.RATE_LIMITED, 0, retryAfterSeconds);
  }

  public static Fault hang() {
    return new Fault(FaultKind.HANG, 0, 0);
  }

  public static Fault malformedJson() {
    return new Fault(FaultKind.MALFORMED_JSON, 0, 0);
  }

  public static Fault cutJson() {
    return new Fault(FaultKind.CUT_JSON, 0, 0);
  }

  public static Fault truncatedBody() {
    return new Fault(FaultKind.TRUNCATED_BODY, 0, 0);
  }

  public static Fault disconnect() {
    return new Fault(FaultKind.DISCONNECT, 0, 0);
  }

  public boolean isNone() {
    return kind == FaultKind.NONE;
  }
}
