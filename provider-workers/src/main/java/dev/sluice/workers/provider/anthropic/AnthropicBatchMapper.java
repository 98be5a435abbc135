package dev.sluice.workers.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.batch.BatchState;
import dev.sluice.workers.provider.batch.BatchStatus;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp.ErrorDetail;
import dev.sluice.workers.provider.internal.SecretScrubber;

/**
 * Reads Message Batch objects and the lines of a batch's results file
 * (https://docs.anthropic.com/en/api/retrieving-message-batch-results) into our contract.
 */
final class AnthropicBatchMapper {

  private AnthropicBatchMapper() {}

  /** A Message Batch object; its {@code results_url} becomes the status's {@code outputRef}. */
  static BatchStatus toStatus(int status, JsonNode batch, RateLimitStatus rateLimits) {
    String id = JsonBodies.require(batch, "/id", status).asText();
    String processingStatus = JsonBodies.require(batch, "/processing_status", status).asText();
    BatchState state = switch (processingStatus) {
      case "in_progress" -> BatchState.IN_PROGRESS;
      case "canceling" -> BatchState.CANCELLING;
      case "ended" -> BatchState.ENDED;
      default -> throw ProviderErrorClassifier.malformedResponse(status,
          "processing_status of " + id + " is '" + processingStatus + "', not in_progress, canceling or ended");
    };
    JsonNode counts = JsonBodies.require(batch, "/request_counts", status);
    int succeeded = JsonBodies.intOrZero(counts, "/succeeded");
    int failed = JsonBodies.intOrZero(counts, "/errored") + JsonBodies.intOrZero(counts, "/canceled")
        + JsonBodies.intOrZero(counts, "/expired");
    int total = JsonBodies.intOrZero(counts, "/processing") + succeeded + failed;
    return new BatchStatus(id, state, total, succeeded, failed, JsonBodies.textOrNull(batch, "/results_url"), null);
  }

  /**
   * One line of the results file: {@code {"custom_id", "result": {"type", ...}}}.
   *
   * @param status the status of the response the file came in
   * @param scrubber removes keys from the provider's error messages
   */
  static BatchItemResult toResult(int status, JsonNode line, SecretScrubber scrubber) {
    String customId = JsonBodies.require(line, "/custom_id", status).asText();
    JsonNode result = JsonBodies.require(line, "/result", status);
    String type = JsonBodies.require(result, "/type", status).asText();
    return switch (type) {
      case "succeeded" -> new BatchItemResult.Succeeded(customId, AnthropicResponseMapper.toCompletion(status,
          JsonBodies.require(result, "/message", status), RateLimitStatus.NONE));
      case "errored" -> failed(customId, JsonBodies.require(result, "/error", status), scrubber);
      case "canceled" -> new BatchItemResult.Cancelled(customId);
      case "expired" -> new BatchItemResult.Expired(customId);
      default -> throw ProviderErrorClassifier.malformedResponse(status,
          "result type of " + customId + " is '" + type + "', not succeeded, errored, canceled or expired");
    };
  }

  /**
   * An errored result carries the Messages API's error body, {@code {"type":"error","error":{type,
   * message}}}; the item names no HTTP status, so whether it is worth another call is decided from
   * the status the API documents for its error type.
   */
  private static BatchItemResult.Failed failed(String customId, JsonNode error, SecretScrubber scrubber) {
    ErrorDetail detail = AnthropicResponseMapper.readError(error);
    boolean retryable = ProviderErrorClassifier.isRetryableStatus(statusOf(detail.type()));
    return new BatchItemResult.Failed(customId, 0, detail.type(), scrubber.scrub(detail.message()), retryable);
  }

  /** https://docs.anthropic.com/en/api/errors: each error type comes with one HTTP status. */
  static int statusOf(String errorType) {
    return switch (errorType == null ? "" : errorType) {
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "api_error" -> 500;
      case "timeout_error" -> 504;
      case "overloaded_error" -> 529;
      // invalid_request_error, the types readError derives from it, and types unknown to us: final.
      default -> 400;
    };
  }
}
