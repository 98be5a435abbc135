package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workers' process killed with SIGKILL in the middle of a run, then started again. */
class WorkerCrashIT {
  private static final int REQUESTS = 2_000;

  @Test
  void everyRequestGetsExactlyOneReplyAndEveryBilledCallExactlyOneLedgerEntry() throws Exception {
    try (FaultCluster cluster = new FaultCluster(3, null, "{max_retries: 2, backoff_initial_ms: 20}")) {
      cluster.primary().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(100)));
      cluster.startRouter();
      TopicTail<LlmReply> replies = cluster.replies();
      ServiceProcess workers = cluster.startWorkersProcess();
      List<String> ids = Replies.ids("wc", REQUESTS);
      List<String> expected = Replies.withWarmUp(ids);
      cluster.awaitServing(replies);
      SteadyPublisher publisher = new SteadyPublisher(cluster, FaultCluster.requests(ids), 50, 200);
      publisher.start();

      await().atMost(Duration.ofSeconds(90)).until(() -> Replies.distinctIds(replies) >= 400);
      workers.kill();
      long answeredBeforeTheKill = Replies.distinctIds(replies);
      ServiceProcess restarted = cluster.startWorkersProcess();
      publisher.finish();

      await().atMost(Duration.ofSeconds(120)).until(() -> Replies.distinctIds(replies) == expected.size());
      TopicTail<DispatchBatch> dispatched = cluster.dispatch(FaultCluster.PRIMARY);
      Quiescence quiescence = cluster.quiescence();
      await().atMost(Duration.ofSeconds(60)).until(() -> quiescence.consumedAll("sluice-workers-primary", dispatched));

      assertThat(answeredBeforeTheKill).as("the kill came in the middle of the run").isLessThan(expected.size());
      assertThat(restarted.isAlive()).as(restarted.output()).isTrue();
      List<LlmReply> all = replies.values();
      ExactlyOnceChecks.assertOneReplyEach(all, expected);
      assertThat(all).extracting(LlmReply::getStatus).containsOnly(ReplyStatus.OK);
      List<CostLedgerEntry> ledger = cluster.ledger().values();
      ExactlyOnceChecks.assertOneLedgerEntryPerBilledAttempt(all, ledger);
      assertThat(ledger).hasSize(expected.size());
      assertThat(cluster.primary().calls(ProviderSimulator.OPENAI_CHAT_PATH))
          .as("calls of the killed transaction are made again, their replies are not").isGreaterThanOrEqualTo(expected.size());
    }
  }
}
