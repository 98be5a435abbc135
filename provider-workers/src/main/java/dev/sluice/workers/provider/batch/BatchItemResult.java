package dev.sluice.workers.provider.batch;

import dev.sluice.workers.provider.ChatCompletion;

/** The provider's result for one line of a job, found by its custom id. */
public sealed interface BatchItemResult {
  String customId();

  /** The call was answered; the completion carries the usage the provider bills at its batch price. */
  record Succeeded(String customId, ChatCompletion completion) implements BatchItemResult {}

  /**
   * The call failed at the provider.
   *
   * @param httpStatus the status the provider gives the item (OpenAI's {@code response.status_code});
   *     0 when it gives none
   * @param errorType the provider's error type, e.g. {@code server_error}, {@code invalid_request_error}
   * @param retryable whether calling again (through the realtime path) may succeed
   */
  record Failed(String customId, int httpStatus, String errorType, String message, boolean retryable)
      implements BatchItemResult {}

  /** The job's completion window passed before this item ran. */
  record Expired(String customId) implements BatchItemResult {}

  /** The job was cancelled before this item ran. */
  record Cancelled(String customId) implements BatchItemResult {}
}
