package dev.sluice.gateway;

import static dev.sluice.gateway.BatchJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchJobProgressTest {
  private final BatchJobProgress progress = new BatchJobProgress(Set.of("r-1", "r-2", "r-3", "r-4"));

  @Test
  void saysSoBeforeAnyJobCarriesThisRunsRequests() {
    progress.record(job("job-other", BatchJobState.IN_PROGRESS, 500, 10, "someone-else-1", "someone-else-2"));

    assertThat(progress.render()).isEqualTo("jobs: none yet");
  }

  @Test
  void countsThisRunsJobsByTheirLatestStateAndTheirItemsDone() {
    progress.record(job("job-a", BatchJobState.SUBMITTED, 3, 0, "r-1", "r-2", "other-1"));
    progress.record(job("job-b", BatchJobState.SUBMITTED, 2, 0, "r-3", "r-4"));
    progress.record(job("job-c", BatchJobState.IN_PROGRESS, 7, 5, "other-2"));
    progress.record(job("job-a", BatchJobState.IN_PROGRESS, 3, 1, "r-1", "r-2", "other-1"));

    assertThat(progress.render()).isEqualTo("jobs: 1 submitted, 1 in_progress; 1/5 done in jobs");
  }

  @Test
  void aSettledRecordWithoutItemsStillCountsForAJobSeenBefore() {
    progress.record(job("job-a", BatchJobState.IN_PROGRESS, 2, 1, "r-1", "r-2"));
    // A failed item is done as far as its job goes.
    progress.record(BatchJob.newBuilder(job("job-b", BatchJobState.FINALIZING, 2, 1, "r-3", "r-4")).setFailed(1).build());
    progress.record(job("job-a", BatchJobState.SETTLED, 2, 2));
    // Settled jobs of earlier runs, already emptied when read: none of this run's.
    progress.record(job("job-old", BatchJobState.SETTLED, 1_000, 1_000));

    assertThat(progress.render()).isEqualTo("jobs: 1 finalizing, 1 settled; 4/4 done in jobs");
  }
}
