package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Serves one simulated provider path: counts the call, waits the configured latency, applies the
 * key's request limit when one is set, then either injects the scheduled fault or lets the
 * {@link SimulatedApi} answer. The behaviour is the one for the call's API key.
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
    String apiKey = api.apiKey(exchange.getRequestHeaders());
    control.tally().call(api.path(), apiKey);
    SimulatorControl.ActiveBehaviour behaviour = control.current();
    if (!pause(behaviour.latencyMillis(apiKey))) {
      control.tally().status(CallCounters.NO_RESPONSE);
      Exchanges.drop(exchange);
      return;
    }
    int limit = behaviour.forKey(apiKey).requestsPerMinute();
    if (limit == 0) {
      respond(exchange, behaviour.nextFault(apiKey, api.path()), requestBody, Map.of());
      return;
    }
    Instant now = Instant.now();
    RequestWindows.Admission admission = control.windows().admit(apiKey, limit);
    // A call beyond the limit is refused as the provider would, without using up a planned fault.
    Fault fault = admission.admitted()
        ? behaviour.nextFault(apiKey, api.path())
        : Fault.rateLimited(secondsUntil(now, admission.resetAt()));
    respond(exchange, fault, requestBody, api.rateLimitHeaders(admission, now));
  }

  private void respond(HttpExchange exchange, Fault fault, byte[] requestBody, Map<String, String> headers)
      throws IOException {
    faults.respond(exchange, fault, requestBody, headers, status -> control.tally().status(status));
  }

  /** Whole seconds, rounded up, as {@code Retry-After} takes them. */
  private static int secondsUntil(Instant now, Instant then) {
    long millis = Math.max(0, Duration.between(now, then).toMillis());
    return (int) ((millis + 999) / 1000);
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
