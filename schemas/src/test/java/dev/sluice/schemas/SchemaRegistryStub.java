package dev.sluice.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry on 127.0.0.1 that speaks the two endpoints Sluice uses
 * (POST /subjects/{subject}/versions, GET /schemas/ids/{id}) over real HTTP, for tests.
 */
public final class SchemaRegistryStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FIRST_ID = 40;

  private final HttpServer server;
  private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(FIRST_ID);
  private final AtomicInteger fetches = new AtomicInteger();

  private SchemaRegistryStub(HttpServer server) {
    this.server = server;
  }

  public static SchemaRegistryStub start() throws IOException {
    SchemaRegistryStub stub = new SchemaRegistryStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    stub.server.createContext("/", stub::handle);
    stub.server.start();
    return stub;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Subject to schema id, for every subject registered so far. */
  public Map<String, Integer> subjects() {
    return Map.copyOf(idsBySubject);
  }

  /** How many times a schema was fetched by id. */
  public int fetches() {
    return fetches.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String answer;
    if ("POST".equals(exchange.getRequestMethod()) && path.matches("/subjects/[^/]+/versions")) {
      String schema = JSON.readTree(exchange.getRequestBody()).get("schema").asText();
      int id = idsBySubject.computeIfAbsent(path.split("/")[2], subject -> nextId.getAndIncrement());
      schemasById.put(id, schema);
      answer = "{\"id\":" + id + "}";
    } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/schemas/ids/")) {
      fetches.incrementAndGet();
      String schema = schemasById.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
      if (schema == null) {
        respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        return;
      }
      answer = JSON.createObjectNode().put("schema", schema).toString();
    } else {
      respond(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
      return;
    }
    respond(exchange, 200, answer);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
