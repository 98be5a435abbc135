package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.router.RouterService;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.ProviderKeyConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The primary refuses connections: the fallback serves everything, and once the circuit is open the router skips the primary. */
class PrimaryDownIT {
  private static final int WAVE = 40;

  @Test
  void theFallbackServesEveryRequestAndTheOpenPrimaryIsNoLongerDispatchedTo() throws IOException {
    try (FaultCluster cluster = new FaultCluster(2, "http://127.0.0.1:" + closedPort() + "/v1",
        "{max_retries: 1, backoff_initial_ms: 10, circuit_window: 10, circuit_min_calls: 5, circuit_open_ms: 600000}")) {
      cluster.startWorkers();
      RouterService router = cluster.startRouter();
      TopicTail<LlmReply> replies = cluster.replies();
      TopicTail<ProviderHealth> health = cluster.health();

      List<String> before = Replies.ids("down-a", WAVE);
      cluster.publish(before);
      await().atMost(Duration.ofSeconds(60)).until(() -> Replies.distinctIds(replies) == WAVE);
      await().atMost(Duration.ofSeconds(30)).until(() -> router.providerHealth(FaultCluster.PRIMARY, ProviderKeyConfig.DEFAULT_ID)
          .filter(h -> h.getCircuitState() == CircuitState.OPEN).isPresent());

      List<String> after = Replies.ids("down-b", WAVE);
      cluster.publish(after);
      await().atMost(Duration.ofSeconds(60)).until(() -> Replies.distinctIds(replies) == 2 * WAVE);
      TopicTail<byte[]> requests = cluster.requests();
      Quiescence quiescence = cluster.quiescence();
      await().atMost(Duration.ofSeconds(30)).until(() -> quiescence.consumedAll(RouterSettings.DEFAULT_APPLICATION_ID, requests));

      List<LlmReply> all = replies.values();
      ExactlyOnceChecks.assertOneReplyEach(all, concat(before, after));
      assertThat(all).extracting(LlmReply::getStatus).containsOnly(ReplyStatus.OK);
      assertThat(all).extracting(LlmReply::getProvider).containsOnly(FaultCluster.FALLBACK);
      assertThat(health.values()).as("the worker published the open circuit")
          .anyMatch(h -> h.getProvider().equals(FaultCluster.PRIMARY) && h.getCircuitState() == CircuitState.OPEN);
      Set<String> dispatchedToPrimary = new HashSet<>(cluster.dispatch(FaultCluster.PRIMARY).values().stream()
          .flatMap(batch -> batch.getItems().stream()).map(DispatchItem::getRequestId).toList());
      assertThat(dispatchedToPrimary).as("dispatched to the primary before its circuit opened").isNotEmpty();
      assertThat(dispatchedToPrimary).as("dispatched to the primary after its circuit opened").doesNotContainAnyElementsOf(after);
      ExactlyOnceChecks.byId(all).forEach((id, reply) -> {
        if (after.contains(id)) {
          assertThat(reply.getAttempts()).extracting(Attempt::getProvider).containsExactly(FaultCluster.FALLBACK);
        }
      });
      ExactlyOnceChecks.assertOneLedgerEntryPerBilledAttempt(all, cluster.ledger().values());
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
