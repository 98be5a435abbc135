package dev.sluice.gateway;

import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import dev.sluice.schemas.avro.DispatchItem;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provider batch jobs that carry this run's requests, from the records of llm.batch-jobs:
 * {@code jobs: 2 in_progress, 1 settled; 640/1000 done in jobs}. The counts are the jobs' own,
 * which may include other callers' requests packed into the same jobs. Thread-safe: fed by the
 * reading thread, rendered by whichever thread redraws the progress bar.
 */
final class BatchJobProgress {
  private final Set<String> requestIds;
  /** The latest record of each of this run's jobs, by job id; kept once known, as SETTLED records have no items. */
  private final Map<String, BatchJob> jobs = new HashMap<>();

  /** @param requestIds the ids of every request this run publishes */
  BatchJobProgress(Collection<String> requestIds) {
    this.requestIds = Set.copyOf(requestIds);
  }

  /** Keeps the record if it is one of this run's jobs; ignores any other. */
  synchronized void record(BatchJob job) {
    if (jobs.containsKey(job.getJobId()) || carriesOurs(job)) {
      jobs.put(job.getJobId(), job);
    }
  }

  private boolean carriesOurs(BatchJob job) {
    for (DispatchItem item : job.getItems()) {
      if (requestIds.contains(item.getRequestId())) {
        return true;
      }
    }
    return false;
  }

  synchronized String render() {
    if (jobs.isEmpty()) {
      return "jobs: none yet";
    }
    Map<BatchJobState, Integer> byState = new EnumMap<>(BatchJobState.class);
    int done = 0;
    int total = 0;
    for (BatchJob job : jobs.values()) {
      byState.merge(job.getState(), 1, Integer::sum);
      done += job.getSucceeded() + job.getFailed();
      total += job.getTotal();
    }
    String states = byState.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    return "jobs: " + states + "; " + done + "/" + total + " done in jobs";
  }
}
