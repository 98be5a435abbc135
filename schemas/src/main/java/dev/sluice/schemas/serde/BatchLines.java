package dev.sluice.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.CachePolicy;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI Batch API lines (https://platform.openai.com/docs/guides/batch): the input line
 * {@code {"custom_id","method","url","body"}} becomes an {@link LlmRequest}; a reply becomes the
 * output line {@code {"id","custom_id","response":{"status_code","request_id","body"},"error"}}.
 */
public final class BatchLines {
  public static final String CHAT_COMPLETIONS_URL = "/v1/chat/completions";
  /** Shared within the package: an ObjectMapper is thread-safe once configured. */
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MAPPED_FIELDS =
      Set.of("model", "messages", "max_tokens", "max_completion_tokens", "temperature", "metadata", "cache");

  private BatchLines() {}

  /** An input line's envelope. */
  public record InputLine(String customId, String method, String url, JsonNode body) {}

  /** Parses an input line. @throws IllegalArgumentException saying what is wrong */
  public static InputLine parseInput(String line) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a batch line must be a JSON object");
    }
    String customId = requiredText(root, "custom_id");
    String method = requiredText(root, "method");
    String url = requiredText(root, "url");
    if (!"POST".equals(method)) {
      throw new IllegalArgumentException("method must be POST, but was '" + method + "'");
    }
    if (!CHAT_COMPLETIONS_URL.equals(url)) {
      throw new IllegalArgumentException("url must be " + CHAT_COMPLETIONS_URL + ", but was '" + url + "'");
    }
    JsonNode body = root.get("body");
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object (a chat-completions request)");
    }
    return new InputLine(customId, method, url, body);
  }

  /**
   * The request a chat-completions body describes. Fields we do not model go to
   * {@code parameters_json} unchanged. Missing model or messages are left empty for validation
   * to reject with a typed error.
   */
  public static LlmRequest.Builder toRequest(InputLine line) {
    JsonNode body = line.body();
    ObjectNode extra = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!MAPPED_FIELDS.contains(field.getKey())) {
        extra.set(field.getKey(), field.getValue());
      }
    }
    JsonNode maxTokens = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
    return LlmRequest.newBuilder()
        .setModel(body.path("model").isTextual() ? body.get("model").asText() : "")
        .setMessages(messages(body.get("messages")))
        .setMaxTokens(integer(maxTokens, "body.max_tokens"))
        .setTemperature(number(body.get("temperature"), "body.temperature"))
        .setParametersJson(extra.isEmpty() ? null : extra.toString())
        .setMetadata(metadata(body.get("metadata")))
        .setCachePolicy(cachePolicy(body.path("cache").get("policy")))
        .setCacheTags(strings(body.path("cache").get("tags"), "body.cache.tags"))
        .setCorrelationId(line.customId());
  }

  /** The output line for a reply. */
  public static String outputLine(LlmReply reply, String customId) {
    ObjectNode line = JSON.createObjectNode();
    line.put("id", "batch_req_" + reply.getRequestId());
    line.put("custom_id", customId);
    ObjectNode response = line.putObject("response");
    ObjectNode body;
    if (reply.getStatus() == ReplyStatus.ERROR) {
      ErrorCode code = ErrorCode.fromCode(reply.getError().getCode());
      response.put("status_code", code.httpStatus());
      response.put("request_id", reply.getRequestId());
      body = response.putObject("body");
      ObjectNode error = body.putObject("error");
      error.put("message", reply.getError().getMessage());
      error.put("type", reply.getError().getType());
      error.put("param", reply.getError().getParam());
      error.put("code", reply.getError().getCode());
      ObjectNode top = line.putObject("error");
      top.put("code", reply.getError().getCode());
      top.put("message", reply.getError().getMessage());
      return line.toString();
    }
    response.put("status_code", 200);
    response.put("request_id", reply.getRequestId());
    body = response.putObject("body");
    body.put("id", "chatcmpl-" + reply.getRequestId());
    body.put("object", "chat.completion");
    body.put("created", reply.getCompletedAt().getEpochSecond());
    body.put("model", reply.getModel());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.getContent());
    choice.put("finish_reason", reply.getFinishReason());
    if (reply.getUsage() != null) {
      ObjectNode usage = body.putObject("usage");
      usage.put("prompt_tokens", reply.getUsage().getInputTokens());
      usage.put("completion_tokens", reply.getUsage().getOutputTokens());
      usage.put("total_tokens", reply.getUsage().getInputTokens() + reply.getUsage().getOutputTokens());
    }
    line.putNull("error");
    return line.toString();
  }

  private static List<ChatMessage> messages(JsonNode node) {
    List<ChatMessage> messages = new ArrayList<>();
    if (node == null || node.isNull()) {
      return messages;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("body.messages must be an array");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode m = node.get(i);
      String where = "body.messages[" + i + "]";
      if (!m.isObject()) {
        throw new IllegalArgumentException(where + " must be an object with role and content");
      }
      messages.add(ChatMessage.newBuilder()
          .setRole(m.path("role").asText(""))
          .setContent(content(m.get("content"), where + ".content"))
          .setName(m.path("name").isTextual() ? m.get("name").asText() : null)
          .build());
    }
    return messages;
  }

  /** Content is a string, or an array of parts of which the text parts are kept. */
  private static String content(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : node) {
        if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
          text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
        }
      }
      return text.toString();
    }
    throw new IllegalArgumentException(where + " must be a string or an array of content parts");
  }

  private static Map<String, String> metadata(JsonNode node) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    }
    return metadata;
  }

  /** {@code body.cache.policy}: default, use, bypass, refresh or only (any case). */
  private static CachePolicy cachePolicy(JsonNode node) {
    if (node == null || node.isNull()) {
      return CachePolicy.DEFAULT;
    }
    for (CachePolicy policy : CachePolicy.values()) {
      if (node.isTextual() && policy.name().equalsIgnoreCase(node.asText())) {
        return policy;
      }
    }
    throw new IllegalArgumentException("body.cache.policy must be one of default, use, bypass, refresh, only, but was "
        + node);
  }

  private static List<String> strings(JsonNode node, String where) {
    List<String> strings = new ArrayList<>();
    if (node == null || node.isNull()) {
      return strings;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + " must be an array of strings, but was " + node);
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(where + " must be an array of strings, but holds " + item);
      }
      strings.add(item.asText());
    }
    return strings;
  }

  private static Integer integer(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException(where + " must be an integer, but was " + node);
    }
    return node.asInt();
  }

  private static Double number(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException(where + " must be a number, but was " + node);
    }
    return node.asDouble();
  }

  private static String requiredText(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw new IllegalArgumentException(field + " is required and must be a non-empty string");
    }
    return node.asText();
  }
}
