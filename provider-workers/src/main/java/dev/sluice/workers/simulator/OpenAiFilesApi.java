package dev.sluice.workers.simulator;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's Files API as far as batches use it (https://platform.openai.com/docs/api-reference/files):
 * {@code POST /v1/files}, {@code GET /v1/files/{id}} and {@code GET /v1/files/{id}/content}.
 *
 * <p>An upload is refused with a 400, as the real endpoint refuses it, when the form lacks
 * {@code purpose} or {@code file}, when the purpose is not one OpenAI accepts, when a
 * {@code batch} file is not named {@code *.jsonl}, or when the file is too large (200 MB for
 * {@code batch}, 512 MB otherwise). The lines of a batch input are not read here: OpenAI checks
 * them when a batch is created from the file, and a bad line makes that batch {@code failed}
 * (see {@link OpenAiBatchInput}).
 */
final class OpenAiFilesApi implements OpenAiRestHandler.Resource {

  static final long MAX_BATCH_FILE_BYTES = 200L * 1024 * 1024;
  static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
  /** The purposes an upload may name; {@code batch_output} is given only to files OpenAI writes. */
  static final List<String> UPLOAD_PURPOSES = List.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");

  private final SimulatedFiles files;

  OpenAiFilesApi(SimulatedFiles files) {
    this.files = files;
  }

  @Override
  public SimResponse answer(String method, String path, Headers headers, byte[] body) {
    List<String> segments = OpenAiRestHandler.segments(ProviderSimulator.OPENAI_FILES_PATH, path);
    if (segments != null && segments.isEmpty() && "POST".equals(method)) {
      return SimResponse.json(200, upload(headers.getFirst("Content-Type"), body).toJson());
    }
    if (segments != null && segments.size() == 1 && "GET".equals(method)) {
      return SimResponse.json(200, find(segments.get(0)).toJson());
    }
    if (segments != null && segments.size() == 2 && "content".equals(segments.get(1)) && "GET".equals(method)) {
      return new SimResponse(200, Map.of("Content-Type", "application/octet-stream"), find(segments.get(0)).content());
    }
    throw OpenAiRestHandler.invalidUrl(method, path);
  }

  private SimulatedFiles.StoredFile upload(String contentType, byte[] body) {
    if (!MultipartForm.isMultipart(contentType)) {
      throw OpenAiRestHandler.invalid("Invalid Content-Type header (" + contentType
          + "), expected multipart/form-data.", null, null);
    }
    MultipartForm form;
    try {
      form = MultipartForm.parse(contentType, body);
    } catch (IllegalArgumentException e) {
      throw OpenAiRestHandler.invalid("We could not parse the multipart body of your request: " + e.getMessage(),
          null, null);
    }
    String purpose = form.part("purpose").map(MultipartForm.Part::text).orElse(null);
    if (purpose == null) {
      throw OpenAiRestHandler.invalid("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter");
    }
    if (!UPLOAD_PURPOSES.contains(purpose)) {
      throw OpenAiRestHandler.invalid("Invalid value: '" + purpose + "'. Supported values are: "
          + UPLOAD_PURPOSES + ".", "purpose", "invalid_value");
    }
    MultipartForm.Part file = form.part("file")
        .orElseThrow(() -> OpenAiRestHandler.invalid("Missing required parameter: 'file'.", "file",
            "missing_required_parameter"));
    String filename = file.filename() == null ? "file" : file.filename();
    boolean batch = SimulatedFiles.BATCH.equals(purpose);
    if (batch && !filename.endsWith(".jsonl")) {
      throw OpenAiRestHandler.invalid("Invalid file format for Batch API. Must be .jsonl", "file", null);
    }
    long limit = batch ? MAX_BATCH_FILE_BYTES : MAX_FILE_BYTES;
    if (file.content().length > limit) {
      throw OpenAiRestHandler.invalid("File is too large: " + file.content().length + " bytes, but a file with purpose '"
          + purpose + "' may have at most " + limit + ".", "file", null);
    }
    return files.add(filename, purpose, file.content());
  }

  private SimulatedFiles.StoredFile find(String id) {
    return files.find(id).orElseThrow(() -> new RejectedRequest(OpenAiChatApi.error(404, "invalid_request_error",
        "No such File object: " + id, "id", null)));
  }
}
