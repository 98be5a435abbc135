package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.batch.BatchState;
import dev.sluice.workers.provider.batch.BatchStatus;
import dev.sluice.workers.provider.internal.JsonBodies;
import java.util.Map;

/**
 * Reads OpenAI's Batch object (https://platform.openai.com/docs/api-reference/batch/object) as a
 * {@link BatchStatus}. OpenAI reports zero requests while a batch validates, and counts expired
 * and cancelled requests as failed once the batch has ended.
 */
final class OpenAiBatchObject {

  private static final Map<String, BatchState> STATES = Map.of(
      "validating", BatchState.VALIDATING,
      "in_progress", BatchState.IN_PROGRESS,
      "finalizing", BatchState.FINALIZING,
      "cancelling", BatchState.CANCELLING,
      "completed", BatchState.ENDED,
      "failed", BatchState.FAILED,
      "expired", BatchState.EXPIRED,
      "cancelled", BatchState.CANCELLED);

  private OpenAiBatchObject() {}

  /** A {@code ProviderHttp.ResponseMapper}: the status a Batch object reports. */
  static BatchStatus toStatus(int httpStatus, JsonNode body, RateLimitStatus rateLimits) {
    String id = JsonBodies.require(body, "/id", httpStatus).asText();
    String status = JsonBodies.require(body, "/status", httpStatus).asText();
    BatchState state = STATES.get(status);
    if (state == null) {
      throw ProviderErrorClassifier.malformedResponse(httpStatus,
          "batch " + id + " has status '" + status + "', which is none of " + STATES.keySet());
    }
    return new BatchStatus(id, state,
        JsonBodies.intOrZero(body, "/request_counts/total"),
        JsonBodies.intOrZero(body, "/request_counts/completed"),
        JsonBodies.intOrZero(body, "/request_counts/failed"),
        JsonBodies.textOrNull(body, "/output_file_id"),
        JsonBodies.textOrNull(body, "/error_file_id"));
  }
}
