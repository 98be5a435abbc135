package dev.sluice.router.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import java.util.List;

/**
 * Where a request's answer sits in the cache, from a canonical form of everything that changes the
 * output. The canonical form is a JSON array, so no two different requests can write the same text:
 * the route (alias or {@code provider/model}), {@code temperature}, {@code max_tokens}, the other
 * parameters with their object keys sorted ({@code {"top_p":1,"seed":7}} equals
 * {@code {"seed":7,"top_p":1}}), and every message's role, name and content.
 *
 * @param namespace the tenant: entries of one namespace never answer another's requests
 * @param entryKey {@code <namespace>/<SHA-256 of namespace and canonical form>}: the store key of an exact match
 * @param matchGroup SHA-256 of the canonical form without the last message: a semantic match must
 *     have the same route, parameters, system prompt and earlier turns, and differ at most in the
 *     wording of the last user message
 */
public record CacheKey(String namespace, String entryKey, String matchGroup) {
  private static final String VERSION = "sluice-cache-1";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public static CacheKey of(String namespace, LlmRequest request) {
    List<ChatMessage> messages = request.getMessages();
    ArrayNode common = JSON.createArrayNode()
        .add(VERSION)
        .add(request.getModel())
        .add(request.getTemperature() == null ? null : JSON.valueToTree(request.getTemperature()))
        .add(request.getMaxTokens() == null ? null : JSON.valueToTree(request.getMaxTokens()))
        .add(canonicalParameters(request.getParametersJson()));
    ArrayNode earlier = common.addArray();
    for (int i = 0; i < messages.size() - 1; i++) {
      add(earlier, messages.get(i));
    }
    String matchGroup = Sha256.hex(common.toString());
    ArrayNode whole = JSON.createArrayNode().add(namespace).add(common);
    if (!messages.isEmpty()) {
      add(whole, messages.getLast());
    }
    return new CacheKey(namespace, namespace + "/" + Sha256.hex(whole.toString()), matchGroup);
  }

  /** The prefix of every entry key of a namespace. */
  public static String prefix(String namespace) {
    return namespace + "/";
  }

  private static void add(ArrayNode to, ChatMessage message) {
    to.addArray().add(message.getRole()).add(message.getName()).add(message.getContent());
  }

  /** The parameters with object keys in sorted order; the text itself when it is not JSON. */
  private static JsonNode canonicalParameters(String parametersJson) {
    if (parametersJson == null || parametersJson.isBlank()) {
      return JSON.nullNode();
    }
    try {
      Object tree = JSON.readValue(parametersJson, Object.class);
      return JSON.getNodeFactory().textNode(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(parametersJson);
    }
  }
}
