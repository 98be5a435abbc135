package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The router's process killed with SIGKILL while requests of one budget are being reserved and
 * settled, then restarted on its state: no reservation is lost (more would be served) or doubled
 * (fewer would be, and reserved would never return to zero), and every usage the router published
 * kept spent + reserved within the limit.
 */
class BudgetRouterCrashIT {
  private static final int REQUESTS = 300;
  private static final int FITS = 100;

  @Test
  void noReservationIsLostOrDoubled() throws Exception {
    long cost = BudgetRequests.costMicros(FaultCluster.offlineConfig());
    long limit = FITS * cost;
    try (FaultCluster cluster = new FaultCluster(3, null, "{max_retries: 0}", BudgetRequests.budgetFitting(FITS, cost))) {
      cluster.primary().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(100)));
      cluster.startBudgetLedger();
      cluster.startWorkers();
      TopicTail<LlmReply> replies = cluster.replies();
      TopicTail<BudgetUsage> usages = cluster.budgetUsages();
      ServiceProcess router = cluster.startRouterProcess();
      cluster.awaitServing(replies);
      String key = BudgetRequests.stateKey(cluster.config(), Instant.now());
      List<String> ids = Replies.ids("bc", REQUESTS);
      SteadyPublisher publisher = new SteadyPublisher(cluster,
          ids.stream().map(id -> BudgetRequests.request(id, cost)).toList(), 4, 100);
      publisher.start();

      // Killed once the router has served some and published its usage mid-run, which is sampled below.
      await().atMost(Duration.ofSeconds(90)).until(() -> Replies.distinctIds(replies) >= 40
          && latest(usages, key).isPresent());
      router.kill();
      long answeredBeforeTheKill = Replies.distinctIds(replies);
      ServiceProcess restarted = cluster.startRouterProcess();
      publisher.finish();

      await().atMost(Duration.ofSeconds(120)).until(() -> Replies.distinctIds(replies) == REQUESTS + 1);
      await().atMost(Duration.ofSeconds(60)).until(() -> latest(usages, key).map(u -> u.getInFlight() == 0
          && u.getSpentMicros() == limit).orElse(false));

      assertThat(answeredBeforeTheKill).as("the kill came in the middle of the run").isLessThan(REQUESTS);
      assertThat(restarted.isAlive()).as(restarted.output()).isTrue();
      Map<String, LlmReply> byId = replies.values().stream()
          .collect(Collectors.toMap(LlmReply::getRequestId, Function.identity(), (a, b) -> a));
      List<LlmReply> ours = ids.stream().map(byId::get).toList();
      ExactlyOnceChecks.assertOneReplyEach(replies.values(), Replies.withWarmUp(ids));
      assertThat(ours.stream().filter(r -> r.getStatus() == ReplyStatus.TRUNCATED)).as("served").hasSize(FITS);
      assertThat(ours.stream().filter(r -> r.getStatus() == ReplyStatus.ERROR))
          .hasSize(REQUESTS - FITS)
          .allSatisfy(r -> assertThat(r.getError().getCode()).isEqualTo("budget_exceeded"));
      List<CostLedgerEntry> charged = cluster.ledger().values().stream()
          .filter(e -> BudgetRequests.WORKFLOW.equals(e.getWorkflow())).toList();
      assertThat(charged.stream().mapToLong(CostLedgerEntry::getCostMicros).sum()).isEqualTo(limit);
      List<BudgetUsage> published = usages.values();
      assertThat(published).as("usages the router published, before the kill and at the end").hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(u -> assertThat(u.getSpentMicros() + u.getReservedMicros()).isLessThanOrEqualTo(limit));
      assertThat(latest(usages, key).orElseThrow().getReservedMicros()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.budgetStates().values().stream()
          .map(BudgetState::getSpentMicros).max(Long::compare).orElse(0L) == limit);
    }
  }

  private static Optional<BudgetUsage> latest(TopicTail<BudgetUsage> usages, String key) {
    usages.values();
    return usages.poll().stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value)
        .reduce((first, second) -> second);
  }
}
