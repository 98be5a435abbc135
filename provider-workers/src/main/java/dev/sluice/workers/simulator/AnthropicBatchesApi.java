package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anthropic's Message Batches API (https://docs.anthropic.com/en/api/creating-message-batches):
 * {@code POST /v1/messages/batches} creates a batch, {@code GET .../{id}} reads it,
 * {@code POST .../{id}/cancel} cancels it and {@code GET .../{id}/results} streams its results once
 * it has ended. Each batch runs as a {@link SimulatedBatch} under the {@link BatchBehaviour} current
 * at its creation; its requests are answered by {@link AnthropicMessagesApi}.
 */
final class AnthropicBatchesApi implements HttpHandler {

  static final String ID_PREFIX = "msgbatch_sim";
  /** A batch not ended by then expires. */
  static final Duration WINDOW = Duration.ofHours(24);

  private static final String RESULTS = "results";
  private static final String CANCEL = "cancel";

  private final AnthropicMessagesApi messages;
  private final SimulatedBatches jobs;
  private final Map<String, AnthropicBatchResults> batches = new ConcurrentHashMap<>();

  AnthropicBatchesApi(AnthropicMessagesApi messages, SimulatedBatches jobs) {
    this.messages = Objects.requireNonNull(messages, "messages");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    SimResponse response;
    try (InputStream body = exchange.getRequestBody()) {
      // One byte past the limit is enough to refuse the body as too large.
      response = answer(exchange, body.readNBytes(AnthropicBatchRequests.MAX_BYTES + 1));
    } catch (RejectedRequest rejected) {
      response = rejected.response();
    }
    Exchanges.send(exchange, response);
  }

  private SimResponse answer(HttpExchange exchange, byte[] body) {
    Route route = Route.of(exchange.getRequestURI().getPath());
    if (route == null) {
      return messages.errorFor(404);
    }
    String method = exchange.getRequestMethod();
    if (!route.method().equals(method)) {
      return AnthropicMessagesApi.error(405, "invalid_request_error",
          "Method " + method + " not allowed on " + exchange.getRequestURI().getPath())
          .withHeader("Allow", route.method());
    }
    AnthropicMessagesApi.requireHeaders(exchange.getRequestHeaders());
    if (route.id() == null) {
      return create(body, exchange);
    }
    AnthropicBatchResults batch = find(route.id());
    Instant now = jobs.clock().instant();
    if (RESULTS.equals(route.action())) {
      return results(batch, now);
    }
    if (CANCEL.equals(route.action())) {
      // Cancelling a batch that is already canceling or has ended changes nothing.
      batch.job().cancel(now);
    }
    return SimResponse.json(200, messageBatch(batch, now, exchange));
  }

  private SimResponse create(byte[] body, HttpExchange exchange) {
    AnthropicBatchRequests requests = AnthropicBatchRequests.parse(body);
    SimulatedBatch job = jobs.create(ID_PREFIX, requests.size());
    AnthropicBatchResults batch = new AnthropicBatchResults(job, requests, messages);
    batches.put(job.id(), batch);
    return SimResponse.json(200, messageBatch(batch, job.createdAt(), exchange));
  }

  private SimResponse results(AnthropicBatchResults batch, Instant now) {
    if (!batch.job().ended(now)) {
      throw new RejectedRequest(AnthropicMessagesApi.error(400, "invalid_request_error",
          "Message Batch " + batch.job().id() + " has not ended (processing_status " + status(batch.job(), now)
              + "); its results are available once processing_status is ended"));
    }
    return new SimResponse(200, Map.of("Content-Type", "application/x-jsonl"), batch.jsonl(now));
  }

  private AnthropicBatchResults find(String id) {
    AnthropicBatchResults batch = batches.get(id);
    if (batch == null) {
      throw new RejectedRequest(AnthropicMessagesApi.error(404, "not_found_error",
          "message_batch_id: no Message Batch '" + id + "'"));
    }
    return batch;
  }

  /** The Message Batch object; {@code results_url} points back at this server once the batch has ended. */
  private static ObjectNode messageBatch(AnthropicBatchResults batch, Instant now, HttpExchange exchange) {
    SimulatedBatch job = batch.job();
    ObjectNode body = SimResponse.JSON.createObjectNode();
    body.put("id", job.id());
    body.put("type", "message_batch");
    body.put("processing_status", status(job, now));
    body.set("request_counts", batch.requestCounts(now));
    putTime(body, "ended_at", job.endedAt(now));
    putTime(body, "created_at", job.createdAt());
    putTime(body, "expires_at", job.expiresAt(WINDOW));
    putTime(body, "cancel_initiated_at", job.cancelledAt());
    body.putNull("archived_at");
    if (job.ended(now)) {
      body.put("results_url", baseUrl(exchange) + ProviderSimulator.ANTHROPIC_BATCHES_PATH + "/" + job.id()
          + "/" + RESULTS);
    } else {
      body.putNull("results_url");
    }
    return body;
  }

  private static String status(SimulatedBatch job, Instant now) {
    return switch (job.phase(now)) {
      case VALIDATING, IN_PROGRESS -> "in_progress";
      case CANCELLING -> "canceling";
      case COMPLETED, EXPIRED, CANCELLED -> "ended";
    };
  }

  private static void putTime(ObjectNode body, String field, Instant time) {
    if (time == null) {
      body.putNull(field);
    } else {
      body.put(field, time.toString());
    }
  }

  /** The address the client reached, as the Host header names it. */
  private static String baseUrl(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || host.isBlank()) {
      host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
    }
    return "http://" + host;
  }

  /**
   * Where a path under {@code /v1/messages/batches} leads: the collection (no id), one batch, or
   * one of its actions.
   */
  private record Route(String id, String action, String method) {

    /** The route of {@code path}, or null when there is none. */
    static Route of(String path) {
      String rest = path.substring(ProviderSimulator.ANTHROPIC_BATCHES_PATH.length());
      if (rest.isEmpty() || "/".equals(rest)) {
        return new Route(null, null, "POST");
      }
      String[] segments = rest.startsWith("/") ? rest.substring(1).split("/", -1) : new String[0];
      if (segments.length == 1) {
        return new Route(segments[0], null, "GET");
      }
      if (segments.length == 2 && CANCEL.equals(segments[1])) {
        return new Route(segments[0], CANCEL, "POST");
      }
      if (segments.length == 2 && RESULTS.equals(segments[1])) {
        return new Route(segments[0], RESULTS, "GET");
      }
      return null;
    }
  }
}
