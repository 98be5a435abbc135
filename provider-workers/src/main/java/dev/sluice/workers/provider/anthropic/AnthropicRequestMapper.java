package dev.sluice.workers.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.internal.JsonBodies;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Messages API request body from an OpenAI-shaped {@link ChatCall}.
 *
 * <p>System (and developer) messages become the top-level {@code system} text; every other
 * non-assistant role (user, tool) is sent as {@code user}, since our contract carries no tool-use
 * ids; consecutive turns of one role are joined into one turn, which the API would do anyway.
 */
final class AnthropicRequestMapper {

  /** Used when a call sets no limit: the Messages API requires {@code max_tokens}. */
  static final int DEFAULT_MAX_TOKENS = 1024;

  private static final String TURN_SEPARATOR = "\n\n";

  private AnthropicRequestMapper() {}

  static ObjectNode toBody(ChatCall call) {
    ObjectNode body = JsonBodies.newObject();
    body.put("model", call.model());
    body.put("max_tokens", call.maxTokens() == null ? DEFAULT_MAX_TOKENS : call.maxTokens());
    List<String> system = new ArrayList<>();
    List<Turn> turns = new ArrayList<>();
    for (ChatMessage message : call.messages()) {
      String role = message.getRole();
      if ("system".equals(role) || "developer".equals(role)) {
        system.add(message.getContent());
      } else {
        addTurn(turns, "assistant".equals(role) ? "assistant" : "user", message.getContent());
      }
    }
    if (!system.isEmpty()) {
      body.put("system", String.join(TURN_SEPARATOR, system));
    }
    ArrayNode messages = body.putArray("messages");
    turns.forEach(turn -> messages.addObject().put("role", turn.role).put("content", turn.text.toString()));
    if (call.temperature() != null) {
      // OpenAI's range is 0..2, Anthropic's 0..1: the hottest OpenAI asks become Anthropic's hottest.
      body.put("temperature", Math.min(1.0, Math.max(0.0, call.temperature())));
    }
    if (call.parametersJson() != null) {
      copyKnownParameters(JsonBodies.parseObject(call.parametersJson(), "parametersJson"), body);
    }
    return body;
  }

  private static void addTurn(List<Turn> turns, String role, String content) {
    Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && last.role.equals(role)) {
      last.text.append(TURN_SEPARATOR).append(content);
    } else {
      turns.add(new Turn(role, new StringBuilder(content)));
    }
  }

  /** The OpenAI parameters that have a Messages API equivalent; the rest have none and are dropped. */
  private static void copyKnownParameters(ObjectNode parameters, ObjectNode body) {
    if (parameters.has("top_p")) {
      body.set("top_p", parameters.get("top_p"));
    }
    if (parameters.has("top_k")) {
      body.set("top_k", parameters.get("top_k"));
    }
    JsonNode stop = parameters.get("stop");
    if (stop != null && stop.isTextual()) {
      body.putArray("stop_sequences").add(stop.asText());
    } else if (stop != null && stop.isArray()) {
      body.set("stop_sequences", stop);
    }
    JsonNode user = parameters.get("user");
    if (user != null && user.isTextual()) {
      body.putObject("metadata").put("user_id", user.asText());
    }
  }

  private record Turn(String role, StringBuilder text) {
  }
}
