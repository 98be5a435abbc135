package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp.ErrorDetail;
import dev.sluice.workers.provider.internal.SecretScrubber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of an OpenAI batch's output and error files
 * (https://platform.openai.com/docs/api-reference/batch/request-output), {@code {"id",
 * "custom_id", "response": {"status_code", "body"}, "error"}}, as {@link BatchItemResult}s. A 2xx
 * response is read as the chat adapter reads a completion; any other status as the chat adapter
 * reads that error, retryable as {@link ProviderErrorClassifier} decides for the realtime call.
 * Without a response, {@code batch_expired} and {@code batch_cancelled} are requests the job
 * stopped before they ran; any other code is a failure at the provider that did not refuse the
 * request itself, so calling again may succeed.
 */
final class OpenAiBatchResults {

  static final String EXPIRED = "batch_expired";
  static final String CANCELLED = "batch_cancelled";

  private final SecretScrubber scrubber;

  OpenAiBatchResults(SecretScrubber scrubber) {
    this.scrubber = scrubber;
  }

  /** Every line of the result file {@code fileId}, whose content is {@code file}. */
  List<BatchItemResult> read(String fileId, byte[] file) {
    List<String> lines = new String(file, StandardCharsets.UTF_8).lines().toList();
    List<BatchItemResult> results = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode line = JsonBodies.parseOrNull(lines.get(i).getBytes(StandardCharsets.UTF_8));
      String customId = line == null ? null : JsonBodies.textOrNull(line, "/custom_id");
      if (customId == null) {
        throw ProviderErrorClassifier.malformedResponse(200,
            "line " + (i + 1) + " of result file " + fileId + " is not a JSON object with a custom_id");
      }
      results.add(result(customId, line));
    }
    return results;
  }

  private BatchItemResult result(String customId, JsonNode line) {
    JsonNode response = line.path("response");
    if (response.isObject()) {
      int status = JsonBodies.require(response, "/status_code", 200).asInt();
      JsonNode body = response.path("body");
      if (status >= 200 && status < 300) {
        return new BatchItemResult.Succeeded(customId,
            OpenAiResponseMapper.toCompletion(status, body, RateLimitStatus.NONE));
      }
      ErrorDetail detail = OpenAiResponseMapper.readError(body);
      ProviderException error =
          ProviderErrorClassifier.httpError(status, detail.type(), scrubber.scrub(detail.message()), null);
      return new BatchItemResult.Failed(customId, status, error.errorType(), error.getMessage(), error.retryable());
    }
    String code = JsonBodies.textOrNull(line, "/error/code");
    if (EXPIRED.equals(code)) {
      return new BatchItemResult.Expired(customId);
    }
    if (CANCELLED.equals(code)) {
      return new BatchItemResult.Cancelled(customId);
    }
    String message = scrubber.scrub(JsonBodies.textOrNull(line, "/error/message"));
    return new BatchItemResult.Failed(customId, ProviderException.NO_HTTP_STATUS, code == null ? "batch_error" : code,
        message, true);
  }
}
