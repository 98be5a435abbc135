package dev.sluice.workers.provider.batch;

import dev.sluice.workers.provider.ProviderException;
import java.util.List;

/**
 * One provider's batch API behind our contract: submit many chat calls as one job, follow the
 * job, read its per-item results. Half the realtime price in exchange for completion within a
 * window (24 hours at OpenAI and Anthropic).
 *
 * <p>Calls are blocking (they run on the batch job thread, never on a dispatch thread) and fail
 * only with {@link ProviderException}, whose {@code retryable} flag says whether the same call
 * may be made again.
 */
public interface BatchApi {

  /** The provider's limits on one job; the caller never submits more. */
  BatchLimits limits();

  /**
   * Submits one job. Every line's call must name the same model where the provider requires it
   * (OpenAI); custom ids are unique within the job and match {@link BatchLine#CUSTOM_ID}.
   *
   * @return the job's first status, with the provider's batch id
   */
  BatchStatus submit(List<BatchLine> lines);

  /** The job's current status. */
  BatchStatus status(String providerBatchId);

  /** Asks the provider to cancel the job; items it already finished keep their results. */
  BatchStatus cancel(String providerBatchId);

  /**
   * Every result the provider reports for an ended job ({@link BatchState#ended()}), in any order;
   * an item the provider reports nothing for is missing from the list.
   */
  List<BatchItemResult> results(BatchStatus ended);
}
