package dev.sluice.workers.simulator;

import java.util.Arrays;
import java.util.Locale;

/** What a simulated provider does instead of answering normally. */
public enum FaultKind {
  /** Answer normally. */
  NONE,
  /** An error status with the provider's error body. */
  STATUS,
  /** 429 with the provider's rate-limit body and a {@code Retry-After} header. */
  RATE_LIMITED,
  /** Never answer; the connection is dropped when the simulator closes or the hang limit passes. */
  HANG,
  /** 200 with a body that is not JSON. */
  MALFORMED_JSON,
  /** 200 with a correctly framed body holding the first half of the JSON answer. */
  CUT_JSON,
  /** 200 announcing the whole answer's Content-Length, then half of it, then the connection closes. */
  TRUNCATED_BODY,
  /** The connection closes before any response byte is sent. */
  DISCONNECT;

  /** The name used in the admin JSON, e.g. {@code rate_limited}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind with this admin JSON name. */
  public static FaultKind fromJsonName(String name) {
    return Arrays.stream(values())
        .filter(kind -> kind.jsonName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("fault type must be one of "
            + Arrays.stream(values()).map(FaultKind::jsonName).toList() + ", but was '" + name + "'"));
  }
}
