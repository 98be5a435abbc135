package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each request id published three times: twice while the first is in flight, once after its reply.
 * The rule: one provider call, one charge, and a copy of the first reply for every copy of the request.
 */
class DuplicateRequestsIT {
  private static final int IDS = 20;

  @Test
  void oneCallOneChargeThreeIdenticalReplies() {
    try (FaultCluster cluster = new FaultCluster(2, null, "{max_retries: 2}")) {
      cluster.primary().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(500)));
      cluster.startWorkers();
      cluster.startRouter();
      TopicTail<LlmReply> replies = cluster.replies();
      List<String> ids = Replies.ids("dup", IDS);

      cluster.publish(ids);
      cluster.publish(ids);
      await().atMost(Duration.ofSeconds(60)).until(() -> replies.values().size() >= 2 * IDS);
      cluster.publish(ids);
      await().atMost(Duration.ofSeconds(60)).until(() -> replies.values().size() >= 3 * IDS);
      TopicTail<byte[]> requests = cluster.requests();
      TopicTail<LlmReply> outcomes = cluster.outcomes();
      Quiescence quiescence = cluster.quiescence();
      await().atMost(Duration.ofSeconds(30)).until(() -> quiescence.consumedAll(RouterSettings.DEFAULT_APPLICATION_ID, requests)
          && quiescence.consumedAll(RouterSettings.DEFAULT_APPLICATION_ID, outcomes));

      assertThat(cluster.primary().calls(ProviderSimulator.OPENAI_CHAT_PATH)).as("provider calls").isEqualTo(IDS);
      List<CostLedgerEntry> ledger = cluster.ledger().values();
      assertThat(ledger).extracting(CostLedgerEntry::getRequestId).as("one charge per id").containsExactlyInAnyOrderElementsOf(ids);
      Map<String, List<LlmReply>> perId = replies.values().stream().collect(Collectors.groupingBy(LlmReply::getRequestId));
      assertThat(perId).containsOnlyKeys(ids);
      perId.forEach((id, copies) -> {
        assertThat(copies).as(id).hasSize(3);
        assertThat(copies.getFirst().getStatus()).isEqualTo(ReplyStatus.OK);
        assertThat(copies).as(id + ": identical replies").containsOnly(copies.getFirst());
      });
    }
  }
}
