package dev.sluice.workers.provider.batch;

import java.util.Objects;

/**
 * What the provider says about one job.
 *
 * @param providerBatchId the provider's id of the job ({@code batch_...}, {@code msgbatch_...})
 * @param state where the job is
 * @param total items in the job
 * @param succeeded items finished with an answer so far
 * @param failed items finished with an error so far (expired and cancelled ones included once the job ended)
 * @param outputRef where the results are read from: OpenAI's {@code output_file_id}, Anthropic's
 *     {@code results_url}; null until there are some
 * @param errorRef OpenAI's {@code error_file_id}; null otherwise
 */
public record BatchStatus(String providerBatchId, BatchState state, int total, int succeeded, int failed,
    String outputRef, String errorRef) {
  public BatchStatus {
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    Objects.requireNonNull(state, "state");
  }
}
