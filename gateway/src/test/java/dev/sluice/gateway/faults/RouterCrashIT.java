package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router's process killed with SIGKILL in the middle of a run, then started again on the same state directory. */
class RouterCrashIT {
  private static final int REQUESTS = 2_000;

  @Test
  void noRequestIsLostOrDispatchedTwice() throws Exception {
    try (FaultCluster cluster = new FaultCluster(3, null, "{max_retries: 2, backoff_initial_ms: 20}")) {
      cluster.primary().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(100)));
      cluster.startWorkers();
      TopicTail<LlmReply> replies = cluster.replies();
      ServiceProcess router = cluster.startRouterProcess();
      List<String> ids = Replies.ids("rc", REQUESTS);
      List<String> expected = Replies.withWarmUp(ids);
      cluster.awaitServing(replies);
      SteadyPublisher publisher = new SteadyPublisher(cluster, FaultCluster.requests(ids), 50, 200);
      publisher.start();

      await().atMost(Duration.ofSeconds(90)).until(() -> Replies.distinctIds(replies) >= 400);
      router.kill();
      long answeredBeforeTheKill = Replies.distinctIds(replies);
      ServiceProcess restarted = cluster.startRouterProcess();
      publisher.finish();

      await().atMost(Duration.ofSeconds(120)).until(() -> Replies.distinctIds(replies) == expected.size());
      TopicTail<byte[]> requests = cluster.requests();
      TopicTail<DispatchBatch> dispatched = cluster.dispatch(FaultCluster.PRIMARY);
      Quiescence quiescence = cluster.quiescence();
      await().atMost(Duration.ofSeconds(60)).until(() -> quiescence.consumedAll(RouterSettings.DEFAULT_APPLICATION_ID, requests)
          && quiescence.consumedAll("sluice-workers-primary", dispatched));

      assertThat(answeredBeforeTheKill).as("the kill came in the middle of the run").isLessThan(expected.size());
      assertThat(restarted.isAlive()).as(restarted.output()).isTrue();
      List<String> dispatchedIds = dispatched.values().stream()
          .flatMap(batch -> batch.getItems().stream()).map(DispatchItem::getRequestId).toList();
      assertThat(dispatchedIds).as("dispatched once each").hasSize(expected.size()).doesNotHaveDuplicates();
      List<LlmReply> all = replies.values();
      ExactlyOnceChecks.assertOneReplyEach(all, expected);
      assertThat(all).extracting(LlmReply::getStatus).containsOnly(ReplyStatus.OK);
      ExactlyOnceChecks.assertOneLedgerEntryPerBilledAttempt(all, cluster.ledger().values());
    }
  }
}
