package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /_sim/calls}: GET shows the call counters, DELETE resets them (and shows the zeros):
 * <pre>{@code
 * {"total": 3,
 *  "by_path": {"/v1/chat/completions": 3},
 *  "by_key": {"5f1c0e1a9b3d": 2, "none": 1},
 *  "by_status": {"200": 2, "429": 1}}
 * }</pre>
 * Keys appear as their {@link KeyLabel}; status 0 counts calls dropped without a response.
 */
final class CallsHandler implements HttpHandler {

  private final SimulatorControl control;

  CallsHandler(SimulatorControl control) {
    this.control = control;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    switch (exchange.getRequestMethod()) {
      case "GET" -> Exchanges.sendJson(exchange, 200, toJson(control.tally().snapshot()));
      case "DELETE" -> {
        control.tally().reset();
        Exchanges.sendJson(exchange, 200, toJson(control.tally().snapshot()));
      }
      default -> Exchanges.sendJson(exchange, 405, Exchanges.errorJson("use GET or DELETE"));
    }
  }

  static String toJson(CallCounters counters) {
    ObjectNode root = SimResponse.JSON.createObjectNode().put("total", counters.total());
    put(root.putObject("by_path"), counters.byPath());
    put(root.putObject("by_key"), counters.byKey());
    ObjectNode byStatus = root.putObject("by_status");
    new TreeMap<>(counters.byStatus()).forEach((status, count) -> byStatus.put(Integer.toString(status), count));
    return root.toString();
  }

  private static void put(ObjectNode node, Map<String, Long> counts) {
    new TreeMap<>(counts).forEach(node::put);
  }
}
