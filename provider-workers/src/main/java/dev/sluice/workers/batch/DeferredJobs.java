package dev.sluice.workers.batch;

import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.batch.BatchLine;
import dev.sluice.workers.provider.batch.BatchStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deferred lane's way to provider batch jobs: packs each deferred dispatch record into jobs
 * ({@link JobPacker}), submits them, and holds their {@link BatchJob} records until the lane's
 * transaction writes them with its offsets; once committed, the {@link BatchJobTracker} follows
 * them. What cannot go into a job, or a job the provider refuses, is called in realtime.
 *
 * <p>A crash between a submission and the commit submits the job again after the restart: the
 * provider may then run it twice, but its results are settled once, from the job on the topic.
 */
public final class DeferredJobs {
  private static final Logger log = LoggerFactory.getLogger(DeferredJobs.class);

  private final KeyBatchApi batchApi;
  private final JobPacker packer;
  private final String owner;
  private final BatchJobTracker tracker;
  private final Clock clock;
  private final List<BatchJob> pending = new ArrayList<>();

  public DeferredJobs(KeyBatchApi batchApi, JobPacker packer, String owner, BatchJobTracker tracker, Clock clock) {
    this.batchApi = batchApi;
    this.packer = packer;
    this.owner = owner;
    this.tracker = tracker;
    this.clock = clock;
  }

  /** Submits the record's jobs; returns its items that must be called in realtime. */
  public List<DispatchItem> submit(DispatchBatch batch) {
    Instant now = clock.instant();
    JobPacker.Packing packing = packer.pack(batch, now);
    List<DispatchItem> realtime = new ArrayList<>(packing.realtime());
    for (int n = 0; n < packing.jobs().size(); n++) {
      List<DispatchItem> items = packing.jobs().get(n);
      String jobId = JobPacker.jobId(batch, n);
      try {
        BatchStatus status = batchApi.api().submit(lines(items));
        pending.add(BatchJobRecords.submitted(jobId, batch.getProvider(), batch.getModel(),
            items.getFirst().getCaller().getOrg(), owner, batchApi.keyId(), items, status, now));
        log.info("batch job {}: {} requests submitted to {} as {}", jobId, items.size(), batch.getProvider(),
            status.providerBatchId());
      } catch (ProviderException | IllegalArgumentException e) {
        log.warn("batch job {}: {} refused the job of {} requests ({}); they are called in realtime", jobId,
            batch.getProvider(), items.size(), e.getMessage());
        realtime.addAll(items);
      }
    }
    return realtime;
  }

  private static List<BatchLine> lines(List<DispatchItem> items) {
    List<BatchLine> lines = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      DispatchItem item = items.get(i);
      RouteTarget target = item.getTargets().get(item.getTargetIndex());
      lines.add(new BatchLine(JobPacker.customId(i), new ChatCall(target.getModel(), item.getMessages(),
          item.getMaxTokens(), item.getTemperature(), item.getParametersJson())));
    }
    return lines;
  }

  /** The jobs submitted since the last commit or abort, to be written in the lane's transaction. */
  public List<BatchJob> submitted() {
    return List.copyOf(pending);
  }

  /** The transaction holding {@link #submitted()} committed: follow those jobs. */
  public void committed() {
    pending.forEach(tracker::follow);
    pending.clear();
  }

  /** The transaction was aborted: its records will be read and submitted again. */
  public void aborted() {
    pending.forEach(job -> log.warn("batch job {} ({}) was submitted but not recorded; the provider may run it twice",
        job.getJobId(), job.getProviderBatchId()));
    pending.clear();
  }
}
