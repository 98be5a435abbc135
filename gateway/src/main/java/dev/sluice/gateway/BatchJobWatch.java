package dev.sluice.gateway;

import dev.sluice.schemas.avro.BatchJob;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.KafkaException;

/** While the replies are awaited, feeds the job records of llm.batch-jobs to the progress bar. */
final class BatchJobWatch {
  /** Short, so the wait ends soon after the last reply. */
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CATCH_UP = Duration.ofSeconds(5);

  private final BatchJobFeed feed;
  private final BatchJobProgress jobs;
  private final ProgressBar progress;
  private final PrintStream err;

  BatchJobWatch(BatchJobFeed feed, BatchJobProgress jobs, ProgressBar progress, PrintStream err) {
    this.feed = feed;
    this.jobs = jobs;
    this.progress = progress;
    this.err = err;
  }

  /** Returns once {@code replies} is done and the job records committed by then are shown. */
  void awaitReplies(CompletableFuture<?> replies) {
    try {
      while (!replies.isDone()) {
        show(feed.poll(POLL));
      }
      // A job's SETTLED record is committed with its replies: reading to the end now shows it.
      show(feed.rest(CATCH_UP));
    } catch (KafkaException e) {
      // The job states only inform; the replies are still worth waiting for.
      err.println(System.lineSeparator() + "sluice: batch job states are no longer shown: " + e.getMessage());
    }
  }

  private void show(List<BatchJob> records) {
    records.forEach(jobs::record);
    progress.refresh();
  }
}
