package dev.sluice.workers.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A response the simulator is about to send: status, extra headers, JSON body. */
record SimResponse(int status, Map<String, String> headers, byte[] body) {

  /** The simulator's one mapper; thread-safe once configured. */
  static final ObjectMapper JSON = new ObjectMapper();

  static SimResponse json(int status, JsonNode body) {
    try {
      return new SimResponse(status, Map.of(), JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The body as a JSON tree, for embedding one response in another (a batch's result lines). */
  JsonNode jsonBody() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the simulator's own responses are JSON", e);
    }
  }

  SimResponse withHeader(String name, String value) {
    return withHeaders(Map.of(name, value));
  }

  /** This response with {@code extra} headers added (replacing same-named ones). */
  SimResponse withHeaders(Map<String, String> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    Map<String, String> more = new HashMap<>(headers);
    more.putAll(extra);
    return new SimResponse(status, Map.copyOf(more), body);
  }
}
