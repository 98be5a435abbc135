package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI Chat Completions as the real API answers it
 * (https://platform.openai.com/docs/api-reference/chat/create), with o200k_base token counts.
 *
 * <p>Prompt tokens follow OpenAI's published counting recipe: 3 per message, plus the role and
 * content tokens, plus 1 and the name's tokens when a name is given, plus 3 that prime the reply.
 */
final class OpenAiChatApi implements SimulatedApi {

  static final int TOKENS_PER_MESSAGE = 3;
  static final int TOKENS_PER_NAME = 1;
  static final int REPLY_PRIMING_TOKENS = 3;

  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

  private final SimulatedModel model = SimulatedModel.OPENAI;

  @Override
  public String path() {
    return ProviderSimulator.OPENAI_CHAT_PATH;
  }

  @Override
  public SimResponse answer(Headers headers, byte[] requestBody) {
    requireBearer(headers.getFirst("Authorization"));
    return complete(SimulatedApi.jsonObject(requestBody, OpenAiChatApi::unparseable));
  }

  /** OpenAI's answer to a body that is not a JSON object, on any of its JSON endpoints. */
  static RejectedRequest unparseable() {
    return new RejectedRequest(
        error(400, "invalid_request_error", "We could not parse the JSON body of your request.", null, null));
  }

  @Override
  public SimResponse errorFor(int status) {
    return switch (status) {
      case 400 -> error(400, "invalid_request_error", "Invalid request (simulated).", null, null);
      case 401 -> error(401, "invalid_request_error", "Incorrect API key provided (simulated).", null, "invalid_api_key");
      case 429 -> error(429, "requests", "Rate limit reached for requests (simulated).", null, "rate_limit_exceeded");
      case 503 -> error(503, "server_error", "The server is overloaded or not ready yet (simulated).", null, null);
      default -> error(status, status >= 500 ? "server_error" : "invalid_request_error",
          "Simulated error " + status + ".", null, null);
    };
  }

  @Override
  public String apiKey(Headers headers) {
    return bearerKey(headers);
  }

  /** The key of an {@code Authorization: Bearer} header, or null when the request carries none. */
  static String bearerKey(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    return authorization == null || !authorization.startsWith("Bearer ") ? null : authorization.substring(7).strip();
  }

  // https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
  @Override
  public Map<String, String> rateLimitHeaders(RequestWindows.Admission admission, Instant now) {
    return Map.of(
        "x-ratelimit-limit-requests", Integer.toString(admission.limit()),
        "x-ratelimit-remaining-requests", Integer.toString(admission.remaining()),
        "x-ratelimit-reset-requests", goDuration(Duration.between(now, admission.resetAt())));
  }

  /** A wait the way OpenAI writes it (Go's duration format): {@code 120ms}, {@code 17.28s}, {@code 1m0s}. */
  static String goDuration(Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    if (millis < 1_000) {
      return millis + "ms";
    }
    String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString() + "s";
    return millis >= 60_000 ? millis / 60_000 + "m" + seconds : seconds;
  }

  /** Refuses a request without a Bearer key as OpenAI does, with a 401; every OpenAI endpoint needs one. */
  static void requireBearer(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
      throw new RejectedRequest(error(401, "invalid_request_error",
          "You didn't provide an API key. You need to provide your API key in an Authorization header "
              + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null));
    }
  }

  private SimResponse complete(JsonNode request) {
    return SimResponse.json(200, answerBody(request));
  }

  /**
   * The {@code chat.completion} object answering a parsed request body.
   *
   * @throws RejectedRequest carrying OpenAI's 400 when the body is not a valid request
   */
  ObjectNode answerBody(JsonNode request) {
    String modelName = request.path("model").asText("");
    if (modelName.isBlank()) {
      throw new RejectedRequest(error(400, "invalid_request_error", "you must provide a model parameter", null, null));
    }
    JsonNode messages = request.path("messages");
    if (!messages.isArray()) {
      throw new RejectedRequest(error(400, "invalid_request_error",
          "Missing required parameter: 'messages'.", "messages", "missing_required_parameter"));
    }
    if (messages.isEmpty()) {
      throw new RejectedRequest(error(400, "invalid_request_error",
          "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
          "messages", "empty_array"));
    }
    Integer maxTokens = tokenLimit(request);
    requireRange(request, "temperature", 2.0);
    requireRange(request, "top_p", 1.0);
    int promptTokens = REPLY_PRIMING_TOKENS;
    String lastUserText = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      if (!ROLES.contains(role)) {
        throw new RejectedRequest(error(400, "invalid_request_error", "Invalid value: '" + role
            + "'. Supported values are: " + ROLES + ".", "messages[" + i + "].role", "invalid_value"));
      }
      String text = MessageText.openAi(message.get("content"));
      if (text == null) {
        throw new RejectedRequest(error(400, "invalid_request_error", "Invalid type for 'messages[" + i
            + "].content': expected a string or an array of content parts.",
            "messages[" + i + "].content", "invalid_type"));
      }
      promptTokens += TOKENS_PER_MESSAGE + model.countTokens(role) + model.countTokens(text);
      if (message.hasNonNull("name")) {
        promptTokens += TOKENS_PER_NAME + model.countTokens(message.get("name").asText());
      }
      if ("user".equals(role)) {
        lastUserText = text;
      }
    }
    SimulatedModel.Generation generation = model.generate(modelName, lastUserText, maxTokens);
    return completion(modelName, generation, promptTokens);
  }

  private static Integer tokenLimit(JsonNode request) {
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode limit = request.get(field);
      if (limit != null && !limit.isNull()) {
        if (!limit.isIntegralNumber() || limit.asInt() < 1) {
          throw new RejectedRequest(error(400, "invalid_request_error", "Invalid '" + field
              + "': integer below minimum value. Expected a value >= 1, but got " + limit + " instead.",
              field, "integer_below_min_value"));
        }
        return limit.asInt();
      }
    }
    return null;
  }

  private static void requireRange(JsonNode request, String field, double max) {
    JsonNode value = request.get(field);
    if (value != null && !value.isNull() && (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > max)) {
      throw new RejectedRequest(error(400, "invalid_request_error", "Invalid '" + field
          + "': expected a number between 0 and " + max + ", but got " + value + " instead.",
          field, "invalid_value"));
    }
  }

  private static ObjectNode completion(String modelName, SimulatedModel.Generation generation, int promptTokens) {
    ObjectNode body = SimResponse.JSON.createObjectNode();
    body.put("id", SimulatedApi.randomId("chatcmpl-"));
    body.put("object", "chat.completion");
    body.put("created", Instant.now().getEpochSecond());
    body.put("model", modelName);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", generation.text());
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", generation.truncated() ? "length" : "stop");
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", generation.tokens());
    usage.put("total_tokens", promptTokens + generation.tokens());
    body.put("service_tier", "default");
    body.put("system_fingerprint", "fp_sluice_sim");
    return body;
  }

  /** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}. */
  static SimResponse error(int status, String type, String message, String param, String code) {
    ObjectNode body = SimResponse.JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return SimResponse.json(status, body);
  }
}
