package dev.sluice.workers.batch;

import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.workers.provider.batch.BatchLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one deferred dispatch record (one provider, model and org) into provider batch jobs and
 * the requests that must be called in realtime instead: those already sent back from a job, and
 * those whose deadline is nearer than {@code min_minutes_to_deadline}. A job holds at most the
 * provider's request count and (estimated) bytes.
 */
public final class JobPacker {
  /** A line's JSON around its prompt: custom id, method, url, model, parameters. */
  static final long LINE_OVERHEAD_BYTES = 512;
  /** A prompt character is at most 3 bytes of UTF-8 (JSON escapes aside, which are rare). */
  static final long BYTES_PER_PROMPT_CHAR = 3;

  private final BatchLimits limits;
  private final Duration minToDeadline;

  /** The jobs' items in line order, and what is left for the realtime path. */
  public record Packing(List<List<DispatchItem>> jobs, List<DispatchItem> realtime) {}

  public JobPacker(BatchLimits limits, Duration minToDeadline) {
    this.limits = limits;
    this.minToDeadline = minToDeadline;
  }

  public Packing pack(DispatchBatch batch, Instant now) {
    List<List<DispatchItem>> jobs = new ArrayList<>();
    List<DispatchItem> realtime = new ArrayList<>();
    List<DispatchItem> job = new ArrayList<>();
    long bytes = 0;
    for (DispatchItem item : batch.getItems()) {
      if (!fitsAJob(item, now)) {
        realtime.add(item);
        continue;
      }
      long lineBytes = LINE_OVERHEAD_BYTES + BYTES_PER_PROMPT_CHAR * item.getPromptChars();
      if (!job.isEmpty() && (job.size() == limits.maxRequests() || bytes + lineBytes > limits.maxBytes())) {
        jobs.add(job);
        job = new ArrayList<>();
        bytes = 0;
      }
      job.add(item);
      bytes += lineBytes;
    }
    if (!job.isEmpty()) {
      jobs.add(job);
    }
    return new Packing(jobs, realtime);
  }

  private boolean fitsAJob(DispatchItem item, Instant now) {
    return !item.getRealtimeOnly()
        && (item.getDeadline() == null || !item.getDeadline().isBefore(now.plus(minToDeadline)));
  }

  /** Our id of the n-th job made of a dispatch record: the same record always gives the same ids. */
  public static String jobId(DispatchBatch batch, int n) {
    return "job-" + batch.getBatchId() + "-" + n;
  }

  /** The custom id of a job's i-th line: short, unique within the job, and valid at every provider. */
  public static String customId(int line) {
    return "i" + line;
  }

  /** The line number a custom id names, or -1 when it is not one of ours. */
  public static int line(String customId) {
    if (customId == null || customId.length() < 2 || customId.charAt(0) != 'i') {
      return -1;
    }
    try {
      return Integer.parseInt(customId.substring(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
