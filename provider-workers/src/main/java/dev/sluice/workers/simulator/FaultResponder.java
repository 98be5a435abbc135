package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Carries out an injected {@link Fault} on one exchange, in the shape of the provider being simulated. */
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

  void respond(HttpExchange exchange, Fault fault, byte[] requestBody) throws IOException {
    switch (fault.kind()) {
      case NONE -> Exchanges.send(exchange, api.handle(exchange.getRequestHeaders(), requestBody));
      case STATUS -> Exchanges.send(exchange, api.errorFor(fault.status()));
      case RATE_LIMITED -> Exchanges.send(exchange,
          api.errorFor(429).withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds())));
      case HANG -> hang(exchange);
      case MALFORMED_JSON -> Exchanges.send(exchange, new SimResponse(200, Map.of(), MALFORMED_BODY));
      case CUT_JSON -> {
        SimResponse full = api.handle(exchange.getRequestHeaders(), requestBody);
        byte[] half = Arrays.copyOf(full.body(), full.body().length / 2);
        Exchanges.send(exchange, new SimResponse(full.status(), full.headers(), half));
      }
      case TRUNCATED_BODY -> {
        SimResponse full = api.handle(exchange.getRequestHeaders(), requestBody);
        Exchanges.sendCutShort(exchange, full, full.body().length / 2);
      }
      case DISCONNECT -> Exchanges.drop(exchange);
    }
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
