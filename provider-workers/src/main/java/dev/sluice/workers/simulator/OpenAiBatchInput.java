package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A batch's input file read as OpenAI reads it when a batch is created from it
 * (https://platform.openai.com/docs/api-reference/batch/request-input): one request per line,
 * {@code {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}}, every body
 * naming the same model, at most {@value #MAX_REQUESTS} lines.
 *
 * <p>A file that breaks these rules makes its batch {@code failed}, with one entry per problem
 * in the batch's {@code errors}. A body the chat endpoint itself would refuse (no messages, a bad
 * role) is not such a problem: its line runs and ends with that endpoint's 400 in the error file.
 * The error codes follow those OpenAI reports ({@code duplicate_custom_id},
 * {@code missing_required_parameter}, {@code invalid_url}...); OpenAI publishes no full list.
 */
final class OpenAiBatchInput {

  static final int MAX_REQUESTS = 50_000;

  /** One request and the chat endpoint's answer to it: a 200 {@code chat.completion}, or a 4xx error body. */
  record Request(String customId, int status, JsonNode answer) {
  }

  /** One of the batch's {@code errors}: OpenAI's code, message, the parameter, the 1-based line or null. */
  record Problem(String code, String message, String param, Integer line) {
    ObjectNode toJson() {
      ObjectNode error = SimResponse.JSON.createObjectNode();
      error.put("code", code);
      error.put("message", message);
      error.put("param", param);
      error.put("line", line);
      return error;
    }
  }

  private final List<Request> requests;
  private final List<Problem> problems;

  private OpenAiBatchInput(List<Request> requests, List<Problem> problems) {
    this.requests = List.copyOf(requests);
    this.problems = List.copyOf(problems);
  }

  List<Request> requests() {
    return requests;
  }

  boolean failed() {
    return !problems.isEmpty();
  }

  /** The batch's {@code errors}: {@code {"object": "list", "data": [...]}}. */
  ObjectNode errorsJson() {
    ObjectNode errors = SimResponse.JSON.createObjectNode();
    errors.put("object", "list");
    ArrayNode data = errors.putArray("data");
    problems.forEach(problem -> data.add(problem.toJson()));
    return errors;
  }

  /** Reads {@code content} for a batch on {@code endpoint}; the chat API answers each valid body. */
  static OpenAiBatchInput read(byte[] content, String endpoint, OpenAiChatApi chat) {
    List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
    List<Problem> problems = new ArrayList<>();
    List<String> customIds = new ArrayList<>();
    List<JsonNode> bodies = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String model = null;
    int count = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      count++;
      int line = i + 1;
      JsonNode request = parse(lines.get(i));
      if (request == null) {
        problems.add(new Problem("invalid_json_line", "This line is not parseable as valid JSON.", null, line));
        continue;
      }
      int before = problems.size();
      String customId = requireText(request, "custom_id", "custom_id", line, problems);
      if (customId != null && !seen.add(customId)) {
        problems.add(new Problem("duplicate_custom_id", "The custom_id for this request is a duplicate of another "
            + "request. The custom_id parameter must be unique for each request in a batch.", "custom_id", line));
      }
      String method = requireText(request, "method", "method", line, problems);
      if (method != null && !"POST".equals(method)) {
        problems.add(new Problem("invalid_value", "Invalid value: '" + method + "'. Supported values are: 'POST'.",
            "method", line));
      }
      String url = requireText(request, "url", "url", line, problems);
      if (url != null && !url.equals(endpoint)) {
        problems.add(new Problem("invalid_url", "The URL provided for this request (" + url
            + ") does not match the batch endpoint (" + endpoint + ").", "url", line));
      }
      JsonNode body = request.get("body");
      String lineModel = null;
      if (body == null || !body.isObject()) {
        problems.add(missing("body", line));
      } else {
        lineModel = requireText(body, "model", "body.model", line, problems);
      }
      if (lineModel != null && model != null && !lineModel.equals(model)) {
        problems.add(new Problem("mismatched_model", "The model '" + lineModel + "' of this request differs from "
            + "the model '" + model + "' of the requests before it; a batch holds requests for one model.",
            "body.model", line));
      }
      model = model == null ? lineModel : model;
      if (problems.size() == before) {
        customIds.add(customId);
        bodies.add(body);
      }
    }
    if (count == 0) {
      problems.add(new Problem("empty_file", "The batch input file is empty.", null, null));
    }
    if (count > MAX_REQUESTS) {
      problems.add(new Problem("too_many_requests_in_batch", "The batch input file has " + count
          + " requests, but a batch may have at most " + MAX_REQUESTS + ".", null, null));
    }
    return problems.isEmpty()
        ? new OpenAiBatchInput(answers(customIds, bodies, chat), List.of())
        : new OpenAiBatchInput(List.of(), problems);
  }

  private static List<Request> answers(List<String> customIds, List<JsonNode> bodies, OpenAiChatApi chat) {
    List<Request> requests = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      try {
        requests.add(new Request(customIds.get(i), 200, chat.answerBody(bodies.get(i))));
      } catch (RejectedRequest rejected) {
        requests.add(new Request(customIds.get(i), rejected.response().status(), rejected.response().jsonBody()));
      }
    }
    return requests;
  }

  /** The text field {@code name} of {@code node}; a missing or non-text field is a problem and gives null. */
  private static String requireText(JsonNode node, String name, String param, int line, List<Problem> problems) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      problems.add(missing(param, line));
      return null;
    }
    if (!value.isTextual()) {
      problems.add(new Problem("invalid_type", "Invalid type for '" + param + "': expected a string, but got "
          + value.getNodeType().name().toLowerCase(Locale.ROOT) + " instead.", param, line));
      return null;
    }
    return value.asText();
  }

  private static Problem missing(String param, int line) {
    return new Problem("missing_required_parameter", "Missing required parameter: '" + param + "'.", param, line);
  }

  /** The line as a JSON object, or null when it is not one. */
  private static JsonNode parse(String line) {
    try {
      JsonNode node = SimResponse.JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
