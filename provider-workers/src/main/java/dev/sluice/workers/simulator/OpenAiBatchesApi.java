package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI's Batch API for the chat endpoint (https://platform.openai.com/docs/api-reference/batch):
 * {@code POST /v1/batches}, {@code GET /v1/batches/{id}} and {@code POST /v1/batches/{id}/cancel}.
 *
 * <p>Creating a batch is refused with a 400 when a field is missing, when the endpoint is not
 * {@code /v1/chat/completions} (the only one simulated), when the completion window is not
 * {@code 24h}, when the metadata is more than 16 short string pairs, when the input file does not
 * exist, or when its purpose is not {@code batch}. A file that passes these checks but whose
 * lines break the rules still gives a batch, which turns {@code failed} after validating, as the
 * real API's does (see {@link OpenAiBatchInput}). Cancelling an ended batch is refused with a 409;
 * cancelling a cancelled one again answers the batch as it is.
 */
final class OpenAiBatchesApi implements OpenAiRestHandler.Resource {

  static final List<String> ENDPOINTS = List.of(ProviderSimulator.OPENAI_CHAT_PATH);
  static final int MAX_METADATA_PAIRS = 16;
  static final int MAX_METADATA_KEY = 64;
  static final int MAX_METADATA_VALUE = 512;

  private final SimulatedBatches batches;
  private final SimulatedFiles files;
  private final OpenAiChatApi chat;
  private final Map<String, OpenAiBatchJob> jobs = new ConcurrentHashMap<>();

  OpenAiBatchesApi(SimulatedBatches batches, SimulatedFiles files, OpenAiChatApi chat) {
    this.batches = batches;
    this.files = files;
    this.chat = chat;
  }

  @Override
  public SimResponse answer(String method, String path, Headers headers, byte[] body) {
    List<String> segments = OpenAiRestHandler.segments(ProviderSimulator.OPENAI_BATCHES_PATH, path);
    Instant now = batches.clock().instant();
    if (segments != null && segments.isEmpty() && "POST".equals(method)) {
      return SimResponse.json(200, create(SimulatedApi.jsonObject(body, OpenAiChatApi::unparseable), now));
    }
    if (segments != null && segments.size() == 1 && "GET".equals(method)) {
      return SimResponse.json(200, find(segments.get(0)).toJson(now, files));
    }
    if (segments != null && segments.size() == 2 && "cancel".equals(segments.get(1)) && "POST".equals(method)) {
      return SimResponse.json(200, cancel(find(segments.get(0)), now));
    }
    throw OpenAiRestHandler.invalidUrl(method, path);
  }

  private JsonNode create(JsonNode request, Instant now) {
    String inputFileId = requiredText(request, "input_file_id");
    String endpoint = requiredText(request, "endpoint");
    String window = requiredText(request, "completion_window");
    if (!ENDPOINTS.contains(endpoint)) {
      throw OpenAiRestHandler.invalid("Invalid value: '" + endpoint + "'. Supported values are: " + ENDPOINTS + ".",
          "endpoint", "invalid_value");
    }
    if (!OpenAiBatchJob.COMPLETION_WINDOW.equals(window)) {
      throw OpenAiRestHandler.invalid("Invalid value: '" + window + "'. Supported values are: '"
          + OpenAiBatchJob.COMPLETION_WINDOW + "'.", "completion_window", "invalid_value");
    }
    JsonNode metadata = metadata(request.get("metadata"));
    SimulatedFiles.StoredFile file = files.find(inputFileId).orElseThrow(() -> OpenAiRestHandler.invalid(
        "Cannot find file " + inputFileId + ", or project does not have access to it.", "file_id", null));
    if (!SimulatedFiles.BATCH.equals(file.purpose())) {
      throw OpenAiRestHandler.invalid("Invalid 'input_file_id': file " + inputFileId + " has purpose '"
          + file.purpose() + "', but a batch's input file must have purpose 'batch'.", "input_file_id", "invalid_value");
    }
    OpenAiBatchInput input = OpenAiBatchInput.read(file.content(), endpoint, chat);
    OpenAiBatchJob job = new OpenAiBatchJob(
        batches.create("batch_", input.requests().size()), endpoint, inputFileId, metadata, input);
    jobs.put(job.id(), job);
    return job.toJson(now, files);
  }

  private JsonNode cancel(OpenAiBatchJob job, Instant now) {
    String status = job.status(now);
    if (OpenAiBatchJob.ended(status) && !"cancelled".equals(status)) {
      throw new RejectedRequest(OpenAiChatApi.error(409, "invalid_request_error",
          "Cannot cancel a batch with status '" + status + "'.", null, null));
    }
    job.run().cancel(now);
    return job.toJson(now, files);
  }

  private OpenAiBatchJob find(String id) {
    OpenAiBatchJob job = jobs.get(id);
    if (job == null) {
      throw new RejectedRequest(OpenAiChatApi.error(404, "invalid_request_error", "No such Batch object: " + id,
          "id", null));
    }
    return job;
  }

  private static String requiredText(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw OpenAiRestHandler.invalid("Missing required parameter: '" + field + "'.", field,
          "missing_required_parameter");
    }
    if (!value.isTextual()) {
      throw OpenAiRestHandler.invalid("Invalid type for '" + field + "': expected a string, but got " + value
          + " instead.", field, "invalid_type");
    }
    return value.asText();
  }

  /** At most 16 pairs of a key of up to 64 characters and a string value of up to 512; null when absent. */
  private static JsonNode metadata(JsonNode metadata) {
    if (metadata == null || metadata.isNull()) {
      return null;
    }
    if (!metadata.isObject() || metadata.size() > MAX_METADATA_PAIRS) {
      throw OpenAiRestHandler.invalid("Invalid 'metadata': expected an object of at most " + MAX_METADATA_PAIRS
          + " key-value pairs, but got " + metadata + ".", "metadata", "invalid_value");
    }
    for (Map.Entry<String, JsonNode> pair : metadata.properties()) {
      if (pair.getKey().length() > MAX_METADATA_KEY || !pair.getValue().isTextual()
          || pair.getValue().asText().length() > MAX_METADATA_VALUE) {
        throw OpenAiRestHandler.invalid("Invalid 'metadata." + pair.getKey() + "': keys may have at most "
            + MAX_METADATA_KEY + " characters and values must be strings of at most " + MAX_METADATA_VALUE
            + " characters.", "metadata", "invalid_value");
      }
    }
    return metadata;
  }
}
