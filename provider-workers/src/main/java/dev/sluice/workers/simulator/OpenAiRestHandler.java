package dev.sluice.workers.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * Serves one of OpenAI's REST resources (files, batches) under its path prefix: requires a Bearer
 * key as every OpenAI endpoint does, counts the call, and sends the resource's answer or the
 * OpenAI error it was rejected with. No latency or fault injection: these calls are not the
 * ones under test for resilience.
 */
final class OpenAiRestHandler implements HttpHandler {

  /** One resource as a function from request to response. */
  @FunctionalInterface
  interface Resource {
    /**
     * @param path the whole request path, e.g. {@code /v1/files/file-abc/content}
     * @throws RejectedRequest carrying OpenAI's error response when the request is refused
     */
    SimResponse answer(String method, String path, Headers headers, byte[] body);
  }

  private final String prefix;
  private final Resource resource;
  private final CallTally tally;

  OpenAiRestHandler(String prefix, Resource resource, CallTally tally) {
    this.prefix = prefix;
    this.resource = resource;
    this.tally = tally;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Headers headers = exchange.getRequestHeaders();
    tally.call(prefix, OpenAiChatApi.bearerKey(headers));
    SimResponse response;
    try {
      OpenAiChatApi.requireBearer(headers.getFirst("Authorization"));
      response = resource.answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    } catch (RejectedRequest rejected) {
      response = rejected.response();
    }
    tally.status(response.status());
    Exchanges.send(exchange, response);
  }

  /**
   * The path segments after {@code prefix}: none for the prefix itself, {@code [id]} for
   * {@code prefix/id}; null when the path only shares the prefix's first characters.
   */
  static List<String> segments(String prefix, String path) {
    if (path.equals(prefix) || path.equals(prefix + "/")) {
      return List.of();
    }
    if (!path.startsWith(prefix + "/")) {
      return null;
    }
    return List.of(path.substring(prefix.length() + 1).split("/"));
  }

  /** OpenAI's answer to a method and path it does not serve. */
  static RejectedRequest invalidUrl(String method, String path) {
    return new RejectedRequest(OpenAiChatApi.error(404, "invalid_request_error",
        "Invalid URL (" + method + " " + path + ")", null, null));
  }

  /** OpenAI's 400 for a request parameter, as its endpoints word them. */
  static RejectedRequest invalid(String message, String param, String code) {
    return new RejectedRequest(OpenAiChatApi.error(400, "invalid_request_error", message, param, code));
  }
}
