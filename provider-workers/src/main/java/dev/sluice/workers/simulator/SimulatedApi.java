package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** One provider endpoint the simulator speaks, as a pure function from request to response. */
interface SimulatedApi {

  /** The path it answers, e.g. {@code /v1/chat/completions}. */
  String path();

  /**
   * Validates the request as the provider does and answers it.
   *
   * @throws RejectedRequest carrying the provider's error response when the provider would refuse it
   */
  SimResponse answer(Headers requestHeaders, byte[] requestBody);

  /** The provider's error response for this status, as sent by an injected fault. */
  SimResponse errorFor(int status);

  /** The API key the call was made with, or null when it carries none. */
  String apiKey(Headers requestHeaders);

  /** The provider's rate-limit response headers for a call's standing in its key's request window. */
  Map<String, String> rateLimitHeaders(RequestWindows.Admission admission, Instant now);

  /** {@link #answer}, or the provider's error response when the request is rejected. */
  default SimResponse handle(Headers requestHeaders, byte[] requestBody) {
    try {
      return answer(requestHeaders, requestBody);
    } catch (RejectedRequest rejected) {
      return rejected.response();
    }
  }

  /**
   * The request body as a JSON object.
   *
   * @param rejection the provider's answer to a body that is not a JSON object
   */
  static JsonNode jsonObject(byte[] requestBody, Supplier<RejectedRequest> rejection) {
    try {
      JsonNode body = SimResponse.JSON.readTree(requestBody);
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (IOException e) {
      // rejected below without echoing the parser's message, as both providers do
    }
    throw rejection.get();
  }

  /** A fresh response id: {@code prefix} and 16 random hex digits. */
  static String randomId(String prefix) {
    return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
