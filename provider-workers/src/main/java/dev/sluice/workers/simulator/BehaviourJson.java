package dev.sluice.workers.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link SimulatorBehaviour}, taken by {@code POST /_sim/behaviour}:
 * <pre>{@code
 * {"latency": {"fixed_ms": 20, "jitter_ms": 5},
 *  "faults": {"/v1/chat/completions": {
 *      "sequence": [{"type": "status", "status": 503}, {"type": "rate_limited", "retry_after_seconds": 2}],
 *      "random": {"type": "hang"}, "probability": 0.05}},
 *  "rate_limit": {"requests_per_minute": 60},
 *  "keys": {"sim-key-a": {"faults": {"/v1/chat/completions": {"random": {"type": "rate_limited"}}}}}}
 * }</pre>
 * Every field is optional. Fault types: none, status, rate_limited, hang, malformed_json, cut_json,
 * truncated_body, disconnect. {@code rate_limit} gives each API key that many calls a minute, with
 * the providers' rate-limit headers. {@code keys} maps an API key (as sent) to the behaviour for
 * calls with it, in place of the top-level one; those take the same fields except {@code keys}.
 * Unknown fields are rejected, so that a typo cannot pass for a setting. Errors name a key by its
 * {@link KeyLabel}, never by itself.
 */
public final class BehaviourJson {

  private static final List<String> KEY_FIELDS = List.of("latency", "faults", "rate_limit");
  private static final List<String> TOP_FIELDS = List.of("latency", "faults", "rate_limit", "keys");

  private BehaviourJson() {}

  /** @throws IllegalArgumentException naming the offending field */
  public static SimulatorBehaviour parse(String json) {
    JsonNode root;
    try {
      root = SimResponse.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("behaviour is not valid JSON: " + e.getOriginalMessage(), e);
    }
    requireObject(root, "behaviour", TOP_FIELDS);
    Map<String, SimulatorBehaviour> keys = new HashMap<>();
    if (root.has("keys")) {
      for (Map.Entry<String, JsonNode> entry : requireObject(root.get("keys"), "keys", null).properties()) {
        String where = "keys." + KeyLabel.of(entry.getKey());
        keys.put(entry.getKey(), behaviour(requireObject(entry.getValue(), where, KEY_FIELDS), where + ".", Map.of()));
      }
    }
    return behaviour(root, "", keys);
  }

  public static String toJson(SimulatorBehaviour behaviour) {
    ObjectNode root = toNode(behaviour);
    if (!behaviour.keys().isEmpty()) {
      ObjectNode keys = root.putObject("keys");
      behaviour.keys().forEach((key, own) -> keys.set(key, toNode(own)));
    }
    return root.toString();
  }

  private static SimulatorBehaviour behaviour(JsonNode node, String prefix, Map<String, SimulatorBehaviour> keys) {
    Latency latency = Latency.none();
    if (node.has("latency")) {
      JsonNode latencyNode = requireObject(node.get("latency"), prefix + "latency", List.of("fixed_ms", "jitter_ms"));
      latency = new Latency(latencyNode.path("fixed_ms").asLong(0), latencyNode.path("jitter_ms").asLong(0));
    }
    Map<String, FaultPlan> faults = new HashMap<>();
    if (node.has("faults")) {
      JsonNode byPath = requireObject(node.get("faults"), prefix + "faults", null);
      for (Map.Entry<String, JsonNode> entry : byPath.properties()) {
        faults.put(entry.getKey(), plan(entry.getValue(), prefix + "faults." + entry.getKey()));
      }
    }
    int perMinute = 0;
    if (node.has("rate_limit")) {
      JsonNode limit = requireObject(node.get("rate_limit"), prefix + "rate_limit", List.of("requests_per_minute"));
      perMinute = limit.path("requests_per_minute").asInt(-1);
      if (perMinute < 0) {
        throw new IllegalArgumentException(prefix + "rate_limit.requests_per_minute must be an integer >= 0, but was "
            + limit.path("requests_per_minute"));
      }
    }
    return new SimulatorBehaviour(latency, faults, perMinute, keys);
  }

  private static ObjectNode toNode(SimulatorBehaviour behaviour) {
    ObjectNode root = SimResponse.JSON.createObjectNode();
    root.putObject("latency")
        .put("fixed_ms", behaviour.latency().fixedMillis())
        .put("jitter_ms", behaviour.latency().jitterMillis());
    ObjectNode faults = root.putObject("faults");
    behaviour.faults().forEach((path, plan) -> {
      ObjectNode node = faults.putObject(path);
      ArrayNode sequence = node.putArray("sequence");
      plan.sequence().forEach(fault -> sequence.add(fault(fault)));
      node.set("random", fault(plan.randomFault()));
      node.put("probability", plan.probability());
    });
    if (behaviour.requestsPerMinute() > 0) {
      root.putObject("rate_limit").put("requests_per_minute", behaviour.requestsPerMinute());
    }
    return root;
  }

  private static FaultPlan plan(JsonNode node, String where) {
    requireObject(node, where, List.of("sequence", "random", "probability"));
    List<Fault> sequence = new ArrayList<>();
    JsonNode list = node.path("sequence");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new IllegalArgumentException(where + ".sequence must be an array, but was " + list);
    }
    for (int i = 0; i < list.size(); i++) {
      sequence.add(fault(list.get(i), where + ".sequence[" + i + "]"));
    }
    Fault random = node.has("random") ? fault(node.get("random"), where + ".random") : Fault.none();
    double probability = node.path("probability").asDouble(random.isNone() ? 0.0 : 1.0);
    try {
      return new FaultPlan(sequence, random, probability);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static Fault fault(JsonNode node, String where) {
    requireObject(node, where, List.of("type", "status", "retry_after_seconds"));
    try {
      FaultKind kind = FaultKind.fromJsonName(node.path("type").asText(""));
      return new Fault(kind, node.path("status").asInt(0), node.path("retry_after_seconds").asInt(0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode fault(Fault fault) {
    ObjectNode node = SimResponse.JSON.createObjectNode().put("type", fault.kind().jsonName());
    if (fault.kind() == FaultKind.STATUS) {
      node.put("status", fault.status());
    }
    if (fault.kind() == FaultKind.RATE_LIMITED) {
      node.put("retry_after_seconds", fault.retryAfterSeconds());
    }
    return node;
  }

  /** @param allowed the field names allowed, or null for any */
  private static JsonNode requireObject(JsonNode node, String where, List<String> allowed) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object, but was " + node);
    }
    if (allowed != null) {
      node.fieldNames().forEachRemaining(name -> {
        if (!allowed.contains(name)) {
          throw new IllegalArgumentException(where + " has unknown field '" + name + "'; allowed: " + allowed);
        }
      });
    }
    return node;
  }
}
