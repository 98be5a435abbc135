package dev.sluice.gateway;

import dev.sluice.client.LlmClient;
import dev.sluice.client.SluiceClientSettings;

/** Makes the client {@code sluice send} talks through; tests pass a fake. */
@FunctionalInterface
public interface ClientFactory {
  LlmClient connect(SluiceClientSettings settings);

  /** Opens the reader of llm.batch-jobs that {@code send --file --deferred} shows job states from. */
  default BatchJobFeed watchJobs(SluiceClientSettings settings) {
    return BatchJobTopicFeed.open(settings);
  }
}
