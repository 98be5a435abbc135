package dev.sluice.ledger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A webhook endpoint on 127.0.0.1 (JDK HttpServer, ephemeral port) that records every request and
 * answers each path with scripted statuses, then 200.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received, with whatever {@link #snapshotOnEachRequest} saw when it arrived. */
  record Received(String path, String contentType, String alertId, String signature, byte[] body, Object snapshot) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Queue<Integer>> statuses = new HashMap<>();
  private volatile Supplier<Object> snapshot = () -> null;

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests to {@code path} are answered with these statuses, in order; later ones with 200. */
  synchronized void respond(String path, Integer... codes) {
    statuses.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(codes));
  }

  /** Records {@code what}'s value with each request, when it arrives. */
  void snapshotOnEachRequest(Supplier<Object> what) {
    snapshot = what;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    received.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"),
        exchange.getRequestHeaders().getFirst("X-Sluice-Alert-Id"),
        exchange.getRequestHeaders().getFirst("X-Sluice-Signature"), body, snapshot.get()));
    exchange.sendResponseHeaders(nextStatus(path), -1);
    exchange.close();
  }

  private synchronized int nextStatus(String path) {
    Queue<Integer> codes = statuses.get(path);
    Integer code = codes == null ? null : codes.poll();
    return code == null ? 200 : code;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
