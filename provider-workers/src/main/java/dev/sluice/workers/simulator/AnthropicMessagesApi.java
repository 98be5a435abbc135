package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Anthropic's Messages API as the real API answers it (https://docs.anthropic.com/en/api/messages).
 *
 * <p>Anthropic publishes no tokenizer, so counts are approximations: cl100k_base over the system
 * text and each message's text, plus {@value #TOKENS_PER_MESSAGE} tokens per message for the turn
 * markers the real API also counts.
 */
final class AnthropicMessagesApi implements SimulatedApi {

  static final int TOKENS_PER_MESSAGE = 3;

  private final SimulatedModel model = SimulatedModel.ANTHROPIC;

  @Override
  public String path() {
    return ProviderSimulator.ANTHROPIC_MESSAGES_PATH;
  }

  @Override
  public SimResponse answer(Headers headers, byte[] requestBody) {
    requireHeaders(headers);
    JsonNode request = SimulatedApi.jsonObject(requestBody,
        () -> invalid("There was an error parsing the body of your request"));
    return SimResponse.json(200, messageFor(request));
  }

  @Override
  public SimResponse errorFor(int status) {
    return switch (status) {
      case 400 -> error(400, "invalid_request_error", "Invalid request (simulated).");
      case 401 -> error(401, "authentication_error", "invalid x-api-key (simulated)");
      case 403 -> error(403, "permission_error", "Your API key does not have permission (simulated).");
      case 404 -> error(404, "not_found_error", "Not found (simulated).");
      case 413 -> error(413, "request_too_large", "Request exceeds the maximum size (simulated).");
      case 429 -> error(429, "rate_limit_error", "Number of request tokens has exceeded your rate limit (simulated).");
      case 529 -> error(529, "overloaded_error", "Overloaded");
      default -> status >= 500
          ? error(status, "api_error", "Internal server error (simulated).")
          : error(status, "invalid_request_error", "Simulated error " + status + ".");
    };
  }

  @Override
  public String apiKey(Headers headers) {
    String apiKey = headers.getFirst("x-api-key");
    return apiKey == null ? null : apiKey.strip();
  }

  // https://docs.anthropic.com/en/api/rate-limits#response-headers; the reset is rounded up to the
  // second, as the API writes it, so that it is never earlier than the real one.
  @Override
  public Map<String, String> rateLimitHeaders(RequestWindows.Admission admission, Instant now) {
    Instant reset = admission.resetAt().plusNanos(999_999_999).truncatedTo(ChronoUnit.SECONDS);
    return Map.of(
        "anthropic-ratelimit-requests-limit", Integer.toString(admission.limit()),
        "anthropic-ratelimit-requests-remaining", Integer.toString(admission.remaining()),
        "anthropic-ratelimit-requests-reset", reset.toString());
  }

  /** Refuses a call without the key or the version header, as every Anthropic endpoint does. */
  static void requireHeaders(Headers headers) {
    String apiKey = headers.getFirst("x-api-key");
    if (apiKey == null || apiKey.isBlank()) {
      throw new RejectedRequest(error(401, "authentication_error", "x-api-key header is required"));
    }
    if (headers.getFirst("anthropic-version") == null) {
      throw new RejectedRequest(error(400, "invalid_request_error", "anthropic-version: header is required"));
    }
  }

  /**
   * The Message the API answers to a request body (also a Message Batch request's {@code params}).
   *
   * @throws RejectedRequest carrying the API's 400 when it would refuse the body
   */
  ObjectNode messageFor(JsonNode request) {
    String modelName = request.path("model").asText("");
    if (modelName.isBlank()) {
      throw invalid("model: Field required");
    }
    JsonNode maxTokens = request.get("max_tokens");
    if (maxTokens == null || maxTokens.isNull()) {
      throw invalid("max_tokens: Field required");
    }
    if (!maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
      throw invalid("max_tokens: Input should be greater than or equal to 1");
    }
    JsonNode temperature = request.get("temperature");
    if (temperature != null && (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > 1)) {
      throw invalid("temperature: Input should be less than or equal to 1");
    }
    int inputTokens = model.countTokens(systemText(request.get("system")));
    JsonNode messages = request.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages: Field required");
    }
    String lastUserText = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      if ("system".equals(role)) {
        throw invalid("messages: Unexpected role \"system\". The Messages API accepts a top-level `system` "
            + "parameter, not \"system\" as an input message role.");
      }
      if (!"user".equals(role) && !"assistant".equals(role)) {
        throw invalid("messages." + i + ".role: Input should be 'user' or 'assistant'");
      }
      String text = MessageText.of(message.get("content"));
      if (text == null) {
        throw invalid("messages." + i + ".content: Input should be a valid list");
      }
      inputTokens += TOKENS_PER_MESSAGE + model.countTokens(text);
      if ("user".equals(role)) {
        lastUserText = text;
      }
    }
    SimulatedModel.Generation generation = model.generate(modelName, lastUserText, maxTokens.asInt());
    return message(modelName, generation, inputTokens);
  }

  private static String systemText(JsonNode system) {
    if (system == null || system.isNull()) {
      return "";
    }
    String text = MessageText.of(system);
    if (text == null) {
      throw invalid("system: Input should be a valid string");
    }
    return text;
  }

  private static ObjectNode message(String modelName, SimulatedModel.Generation generation, int inputTokens) {
    ObjectNode body = SimResponse.JSON.createObjectNode();
    body.put("id", SimulatedApi.randomId("msg_sim"));
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", modelName);
    body.putArray("content").addObject().put("type", "text").put("text", generation.text());
    body.put("stop_reason", generation.truncated() ? "max_tokens" : "end_turn");
    body.putNull("stop_sequence");
    ObjectNode usage = body.putObject("usage");
    usage.put("input_tokens", inputTokens);
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", 0);
    usage.put("output_tokens", generation.tokens());
    return body;
  }

  private static RejectedRequest invalid(String message) {
    return new RejectedRequest(error(400, "invalid_request_error", message));
  }

  /** Anthropic's error shape: {@code {"type":"error","error":{"type","message"}}}. */
  static SimResponse error(int status, String type, String message) {
    ObjectNode body = SimResponse.JSON.createObjectNode();
    body.put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    return SimResponse.json(status, body);
  }
}
