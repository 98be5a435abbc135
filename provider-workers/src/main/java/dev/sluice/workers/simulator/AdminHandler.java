package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /_sim/behaviour} for demos: GET shows the installed behaviour, POST installs the one in
 * the body (see {@link BehaviourJson}) and echoes it back; a bad body is a 400 naming the field.
 */
final class AdminHandler implements HttpHandler {

  private final SimulatorControl control;

  AdminHandler(SimulatorControl control) {
    this.control = control;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    switch (exchange.getRequestMethod()) {
      case "GET" -> Exchanges.sendJson(exchange, 200, BehaviourJson.toJson(control.behaviour()));
      case "POST" -> install(exchange, new String(body, StandardCharsets.UTF_8));
      default -> Exchanges.sendJson(exchange, 405, Exchanges.errorJson("use GET or POST"));
    }
  }

  private void install(HttpExchange exchange, String json) throws IOException {
    SimulatorBehaviour behaviour;
    try {
      behaviour = BehaviourJson.parse(json);
    } catch (IllegalArgumentException e) {
      Exchanges.sendJson(exchange, 400, Exchanges.errorJson(e.getMessage()));
      return;
    }
    control.install(behaviour);
    Exchanges.sendJson(exchange, 200, BehaviourJson.toJson(behaviour));
  }
}
