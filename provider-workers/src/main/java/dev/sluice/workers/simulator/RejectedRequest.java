package dev.sluice.workers.simulator;

/** Thrown while validating a simulated request; carries the provider's error response. */
final class RejectedRequest extends RuntimeException {

  private final transient SimResponse response;

  RejectedRequest(SimResponse response) {
    // Rejections are ordinary outcomes under load; a stack trace would only cost time.
    super(null, null, false, false);
    this.response = response;
  }

  SimResponse response() {
    return response;
  }
}
