package dev.sluice.workers.batch;

import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.workers.provider.batch.BatchState;
import dev.sluice.workers.provider.batch.BatchStatus;
import java.time.Instant;
import java.util.List;

/** The {@link BatchJob} records a job goes through on llm.batch-jobs. */
public final class BatchJobRecords {
  private BatchJobRecords() {}

  /** A job the provider has just accepted. */
  public static BatchJob submitted(String jobId, String provider, String model, String org, String owner,
      String keyId, List<DispatchItem> items, BatchStatus status, Instant now) {
    BatchJob job = BatchJob.newBuilder()
        .setJobId(jobId)
        .setProvider(provider)
        .setModel(model)
        .setOrg(org)
        .setOwner(owner)
        .setKeyId(keyId)
        .setProviderBatchId(status.providerBatchId())
        .setState(BatchJobState.SUBMITTED)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .setTotal(items.size())
        .setItems(items)
        .build();
    return updated(job, status, now);
  }

  /** The job as the provider's latest status has it. */
  public static BatchJob updated(BatchJob job, BatchStatus status, Instant now) {
    return BatchJob.newBuilder(job)
        .setState(state(status.state()))
        .setSucceeded(status.succeeded())
        .setFailed(status.failed())
        .setOutputRef(status.outputRef())
        .setErrorRef(status.errorRef())
        .setUpdatedAt(now)
        .build();
  }

  /** Every item has its reply or went on to the realtime path: the items are no longer needed. */
  public static BatchJob settled(BatchJob job, Instant now) {
    return BatchJob.newBuilder(job).setState(BatchJobState.SETTLED).setItems(List.of()).setUpdatedAt(now).build();
  }

  /** Whether anything a reader of llm.batch-jobs sees has changed. */
  public static boolean changed(BatchJob before, BatchJob after) {
    return before.getState() != after.getState() || before.getSucceeded() != after.getSucceeded()
        || before.getFailed() != after.getFailed();
  }

  static BatchJobState state(BatchState state) {
    return switch (state) {
      case VALIDATING -> BatchJobState.VALIDATING;
      case IN_PROGRESS -> BatchJobState.IN_PROGRESS;
      case FINALIZING -> BatchJobState.FINALIZING;
      case CANCELLING -> BatchJobState.CANCELLING;
      case ENDED -> BatchJobState.ENDED;
      case FAILED -> BatchJobState.FAILED;
      case EXPIRED -> BatchJobState.EXPIRED;
      case CANCELLED -> BatchJobState.CANCELLED;
    };
  }
}
