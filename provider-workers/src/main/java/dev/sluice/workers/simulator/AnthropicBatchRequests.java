package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The requests of a Message Batch creation body, checked as the API checks them when the batch is
 * created (https://docs.anthropic.com/en/api/creating-message-batches): the list's size, each
 * {@code custom_id}, and that each {@code params} is an object. What a {@code params} body says is
 * checked only when its request is processed, and a refusal then errors that one request.
 *
 * @param customIds the requests' custom ids, in request order
 * @param params the requests' Messages API bodies, in request order
 */
record AnthropicBatchRequests(List<String> customIds, List<JsonNode> params) {

  static final int MAX_REQUESTS = 100_000;
  /** The creation body's limit: 256 MB. */
  static final int MAX_BYTES = 256 * 1024 * 1024;
  static final Pattern CUSTOM_ID = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

  AnthropicBatchRequests {
    customIds = List.copyOf(customIds);
    params = List.copyOf(params);
  }

  int size() {
    return customIds.size();
  }

  /**
   * Reads and checks a creation body.
   *
   * @throws RejectedRequest carrying the API's 400 (or 413 past {@value #MAX_BYTES} bytes)
   */
  static AnthropicBatchRequests parse(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new RejectedRequest(AnthropicMessagesApi.error(413, "request_too_large",
          "Request exceeds the maximum allowed number of bytes: " + body.length + " > " + MAX_BYTES));
    }
    JsonNode requests = SimulatedApi.jsonObject(body,
        () -> invalid("There was an error parsing the body of your request")).get("requests");
    if (requests == null || requests.isNull()) {
      throw invalid("requests: Field required");
    }
    if (!requests.isArray()) {
      throw invalid("requests: Input should be a valid list");
    }
    if (requests.isEmpty()) {
      throw invalid("requests: List should have at least 1 item after validation, not 0");
    }
    if (requests.size() > MAX_REQUESTS) {
      throw invalid("requests: List should have at most " + MAX_REQUESTS + " items after validation, not "
          + requests.size());
    }
    List<String> customIds = new ArrayList<>(requests.size());
    List<JsonNode> params = new ArrayList<>(requests.size());
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      JsonNode request = requests.get(i);
      String customId = customId(request, i);
      Integer earlier = firstIndex.putIfAbsent(customId, i);
      if (earlier != null) {
        throw invalid("requests." + i + ".custom_id: Duplicate custom_id '" + customId + "' (also requests."
            + earlier + "); each custom_id must be unique within the batch");
      }
      JsonNode requestParams = request.get("params");
      if (requestParams == null || requestParams.isNull()) {
        throw invalid("requests." + i + ".params: Field required");
      }
      if (!requestParams.isObject()) {
        throw invalid("requests." + i + ".params: Input should be a valid dictionary");
      }
      customIds.add(customId);
      params.add(requestParams);
    }
    return new AnthropicBatchRequests(customIds, params);
  }

  private static String customId(JsonNode request, int index) {
    if (!request.isObject()) {
      throw invalid("requests." + index + ": Input should be a valid dictionary");
    }
    JsonNode customId = request.get("custom_id");
    if (customId == null || customId.isNull()) {
      throw invalid("requests." + index + ".custom_id: Field required");
    }
    if (!customId.isTextual()) {
      throw invalid("requests." + index + ".custom_id: Input should be a valid string");
    }
    if (!CUSTOM_ID.matcher(customId.asText()).matches()) {
      throw invalid("requests." + index + ".custom_id: String should match pattern '" + CUSTOM_ID.pattern()
          + "', but was '" + customId.asText() + "'");
    }
    return customId.asText();
  }

  private static RejectedRequest invalid(String message) {
    return new RejectedRequest(AnthropicMessagesApi.error(400, "invalid_request_error", message));
  }
}
