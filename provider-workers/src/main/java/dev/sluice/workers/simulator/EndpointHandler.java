package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Serves one simulated provider path: counts the call, waits the configured latency, then either
 * injects the scheduled fault or lets the {@link SimulatedApi} answer.
 */
final class EndpointHandler implements HttpHandler {

  private final SimulatedApi api;
  private final SimulatorControl control;
  private final FaultResponder faults;

  EndpointHandler(SimulatedApi api, SimulatorControl control) {
    this.api = api;
    this.control = control;
    this.faults = new FaultResponder(api, control);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    // Contexts match by prefix; only the exact path is the provider endpoint.
    if (!api.path().equals(exchange.getRequestURI().getPath())) {
      Exchanges.send(exchange, api.errorFor(404));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      Exchanges.send(exchange, api.errorFor(405).withHeader("Allow", "POST"));
      return;
    }
    control.recordCall(api.path());
    SimulatorControl.ActiveBehaviour behaviour = control.current();
    if (!pause(behaviour.latencyMillis())) {
      Exchanges.drop(exchange);
      return;
    }
    faults.respond(exchange, behaviour.nextFault(api.path()), requestBody);
  }

  // Handlers run on virtual threads, so a sleeping call costs no platform thread.
  private static boolean pause(long millis) {
    if (millis == 0) {
      return true;
    }
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
