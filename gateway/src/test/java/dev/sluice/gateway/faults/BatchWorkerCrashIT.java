package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.BatchBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The workers' process killed with SIGKILL while its provider batch jobs run, then started again. */
class BatchWorkerCrashIT {
  private static final int REQUESTS = 600;

  @Test
  void everyResultOfTheJobsRunningAtTheKillIsDeliveredExactlyOnce() throws Exception {
    String batching = """
          deferred: {max_items: 1000, max_wait_ms: 500}
          jobs: {poll_interval_ms: 100, min_minutes_to_deadline: 0}
        """;
    try (FaultCluster cluster = new FaultCluster(3, null, "{}", "", batching)) {
      // Long enough that every job still runs when the workers die.
      cluster.primary().batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofSeconds(8)));
      cluster.startRouter();
      TopicTail<LlmReply> replies = cluster.replies();
      TopicTail<BatchJob> jobs = cluster.batchJobs();
      ServiceProcess workers = cluster.startWorkersProcess();
      cluster.awaitServing(replies);
      List<String> ids = Replies.ids("bc", REQUESTS);
      cluster.publishRequests(FaultCluster.requests(ids).stream()
          .map(r -> LlmRequest.newBuilder(r).setPriority(Priority.DEFERRED).build()).toList());

      await().atMost(Duration.ofSeconds(60)).until(() -> submitted(jobs) == REQUESTS);
      workers.kill();
      assertThat(Replies.distinctIds(replies)).as("no job had ended at the kill").isEqualTo(1);
      ServiceProcess restarted = cluster.startWorkersProcess();

      List<String> expected = Replies.withWarmUp(ids);
      await().atMost(Duration.ofSeconds(90)).until(() -> Replies.distinctIds(replies) == expected.size());
      await().atMost(Duration.ofSeconds(30)).until(() -> latest(jobs).values().stream()
          .allMatch(job -> job.getState() == BatchJobState.SETTLED));

      assertThat(restarted.isAlive()).as(restarted.output()).isTrue();
      List<LlmReply> all = replies.values();
      ExactlyOnceChecks.assertOneReplyEach(all, expected);
      assertThat(all).extracting(LlmReply::getStatus).containsOnly(ReplyStatus.OK);
      List<CostLedgerEntry> ledger = cluster.ledger().values();
      ExactlyOnceChecks.assertOneLedgerEntryPerBilledAttempt(all, ledger);
      assertThat(ledger).hasSize(expected.size());
      assertThat(ledger).filteredOn(e -> ids.contains(e.getRequestId()))
          .allSatisfy(e -> assertThat(e.getPriceBasis().getMode()).isEqualTo("batch"));
      // The restarted worker resumed the jobs the killed one had submitted; it made none of its own.
      Set<String> settledJobs = latest(jobs).keySet();
      assertThat(jobs.values().stream().map(BatchJob::getJobId).collect(Collectors.toSet())).isEqualTo(settledJobs);
      assertThat(jobs.values()).filteredOn(job -> job.getState() == BatchJobState.SETTLED).hasSize(settledJobs.size());
    }
  }

  /** Each job's latest record. */
  private static Map<String, BatchJob> latest(TopicTail<BatchJob> jobs) {
    return jobs.values().stream().collect(Collectors.toMap(BatchJob::getJobId, Function.identity(), (a, b) -> b));
  }

  /** Requests in the jobs written so far. */
  private static int submitted(TopicTail<BatchJob> jobs) {
    return latest(jobs).values().stream().mapToInt(BatchJob::getTotal).sum();
  }
}
