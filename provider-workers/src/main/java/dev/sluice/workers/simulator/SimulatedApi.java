package dev.sluice.workers.simulator;

import com.sun.net.httpserver.Headers;

/** One provider endpoint the simulator speaks, as a pure function from request to response. */
interface SimulatedApi {

  /** The path it answers, e.g. {@code /v1/chat/completions}. */
  String path();

  /** Validates the request as the provider does and answers it, or returns the provider's error. */
  SimResponse handle(Headers requestHeaders, byte[] requestBody);

  /** The provider's error response for this status, as sent by an injected fault. */
  SimResponse errorFor(int status);
}
