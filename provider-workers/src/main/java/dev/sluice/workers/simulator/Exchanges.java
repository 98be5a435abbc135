package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing simulator responses onto an {@link HttpExchange}. */
final class Exchanges {

  private Exchanges() {}

  /** Sends the whole response and completes the exchange, keeping the connection alive. */
  static void send(HttpExchange exchange, SimResponse response) throws IOException {
    writeHeaders(exchange, response, response.body().length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(response.body());
    }
  }

  /** Sends a JSON text with {@code status}, as the admin endpoints answer. */
  static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, new SimResponse(status, Map.of(), json.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code {"error": message}}, as the admin endpoints report a bad request. */
  static String errorJson(String message) {
    return SimResponse.JSON.createObjectNode().put("error", message).toString();
  }

  /**
   * Announces the whole body's length, sends only {@code sentBytes} of it, then drops the
   * connection: closing a fixed-length exchange early makes the JDK server close the socket.
   */
  static void sendCutShort(HttpExchange exchange, SimResponse response, int sentBytes) throws IOException {
    writeHeaders(exchange, response, response.body().length);
    OutputStream body = exchange.getResponseBody();
    body.write(response.body(), 0, sentBytes);
    body.flush();
    exchange.close();
  }

  /** Drops the connection without a response byte: closing before the headers closes the socket. */
  static void drop(HttpExchange exchange) {
    exchange.close();
  }

  private static void writeHeaders(HttpExchange exchange, SimResponse response, long length) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    exchange.sendResponseHeaders(response.status(), length);
  }
}
