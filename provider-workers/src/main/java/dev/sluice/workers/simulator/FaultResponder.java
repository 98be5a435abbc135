package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Carries out an injected {@link Fault} on one exchange, in the shape of the provider being
 * simulated. The status is reported before any of the response is sent, so that a client that
 * has its answer always finds it counted.
 */
final class FaultResponder {

  /** What a misbehaving proxy in front of a provider tends to return with a 200. */
  static final byte[] MALFORMED_BODY =
      "<html><body>upstream hiccup</body></html>".getBytes(StandardCharsets.UTF_8);

  private final SimulatedApi api;
  private final SimulatorControl control;

  FaultResponder(SimulatedApi api, SimulatorControl control) {
    this.api = api;
    this.control = control;
  }

  /**
   * @param headers  added to every response sent (the rate-limit headers)
   * @param statusOf told the status about to be sent, or {@link CallCounters#NO_RESPONSE}
   */
  void respond(HttpExchange exchange, Fault fault, byte[] requestBody, Map<String, String> headers,
      IntConsumer statusOf) throws IOException {
    switch (fault.kind()) {
      case NONE -> send(exchange, api.handle(exchange.getRequestHeaders(), requestBody), headers, statusOf);
      case STATUS -> send(exchange, api.errorFor(fault.status()), headers, statusOf);
      case RATE_LIMITED -> send(exchange,
          api.errorFor(429).withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds())), headers, statusOf);
      case HANG -> {
        statusOf.accept(CallCounters.NO_RESPONSE);
        hang(exchange);
      }
      case MALFORMED_JSON -> send(exchange, new SimResponse(200, Map.of(), MALFORMED_BODY), headers, statusOf);
      case CUT_JSON -> {
        SimResponse full = api.handle(exchange.getRequestHeaders(), requestBody);
        byte[] half = Arrays.copyOf(full.body(), full.body().length / 2);
        send(exchange, new SimResponse(full.status(), full.headers(), half), headers, statusOf);
      }
      case TRUNCATED_BODY -> {
        SimResponse full = api.handle(exchange.getRequestHeaders(), requestBody).withHeaders(headers);
        statusOf.accept(full.status());
        Exchanges.sendCutShort(exchange, full, full.body().length / 2);
      }
      case DISCONNECT -> {
        statusOf.accept(CallCounters.NO_RESPONSE);
        Exchanges.drop(exchange);
      }
    }
  }

  private static void send(HttpExchange exchange, SimResponse response, Map<String, String> headers,
      IntConsumer statusOf) throws IOException {
    SimResponse full = response.withHeaders(headers);
    statusOf.accept(full.status());
    Exchanges.send(exchange, full);
  }

  private void hang(HttpExchange exchange) {
    try {
      control.awaitClosing();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Exchanges.drop(exchange);
    }
  }
}
