package dev.sluice.workers.provider.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import java.io.IOException;

/** The adapters' one {@link ObjectMapper} (thread-safe once configured) and field helpers. */
public final class JsonBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses a JSON object such as a call's {@code parametersJson}.
   *
   * @throws IllegalArgumentException when the text is not one JSON object
   */
  public static ObjectNode parseObject(String json, String what) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw new IllegalArgumentException(what + " must be a JSON object, but was " + json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a response body (or one line of a result file); null when it is empty or not JSON. */
  public static JsonNode parseOrNull(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  public static byte[] toBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The field at {@code pointer} (e.g. {@code /usage/prompt_tokens}), or a malformed-response error. */
  public static JsonNode require(JsonNode body, String pointer, int status) {
    JsonNode node = body.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      throw ProviderErrorClassifier.malformedResponse(status, "missing " + pointer);
    }
    return node;
  }

  /** The text at {@code pointer}, or null when absent. */
  public static String textOrNull(JsonNode body, String pointer) {
    JsonNode node = body.at(pointer);
    return node.isTextual() ? node.asText() : null;
  }

  /** The integer at {@code pointer}, or 0 when absent (some compatible servers omit usage). */
  public static int intOrZero(JsonNode body, String pointer) {
    return body.at(pointer).asInt(0);
  }
}
