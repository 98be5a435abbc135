package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.router.RouterService;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.Latency;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 64 callers of one org send at once against a budget that fits exactly {@value #FITS} requests:
 * exactly that many are served, the rest refused, and spent + reserved never passes the limit,
 * sampled from the router's store and from llm.budget-state while it runs.
 */
class BudgetRaceIT {
  private static final int CALLERS = 64;
  private static final int PER_CALLER = 2;
  private static final int FITS = 20;

  @Test
  void exactlyTheRequestsTheBudgetFitsAreServed() throws Exception {
    long cost = BudgetRequests.costMicros(FaultCluster.offlineConfig());
    long limit = FITS * cost;
    try (FaultCluster cluster = new FaultCluster(3, null, "{max_retries: 0}", BudgetRequests.budgetFitting(FITS, cost))) {
      cluster.primary().behaviour(SimulatorBehaviour.normal().withLatency(Latency.fixed(200)));
      cluster.startBudgetLedger();
      RouterService router = cluster.startRouter();
      cluster.startWorkers();
      TopicTail<LlmReply> replies = cluster.replies();
      TopicTail<BudgetState> states = cluster.budgetStates();
      cluster.awaitServing(replies);
      String key = BudgetRequests.stateKey(cluster.config(), Instant.now());

      AtomicLong samples = new AtomicLong();
      AtomicLong mostCommitted = new AtomicLong();
      AtomicLong mostLedgerSpent = new AtomicLong();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      AtomicReference<RuntimeException> samplingFailure = new AtomicReference<>();
      sampler.scheduleAtFixedRate(() -> {
        // An exception would silently cancel the schedule: keep it for the assertion instead.
        try {
          router.budgetUsage(key).ifPresent(usage -> {
            samples.incrementAndGet();
            mostCommitted.accumulateAndGet(usage.getSpentMicros() + usage.getReservedMicros(), Math::max);
          });
          states.poll().stream().filter(r -> key.equals(r.key()))
              .forEach(r -> mostLedgerSpent.accumulateAndGet(r.value().getSpentMicros(), Math::max));
        } catch (RuntimeException e) {
          samplingFailure.compareAndSet(null, e);
        }
      }, 0, 5, TimeUnit.MILLISECONDS);

      List<String> ids = sendAtOnce(cluster, cost);
      await().atMost(Duration.ofSeconds(120)).until(() -> ids.stream().allMatch(answered(replies)::containsKey));
      await().atMost(Duration.ofSeconds(60)).until(() -> router.budgetUsage(key).map(BudgetUsage::getReservedMicros).orElse(-1L) == 0
          && states.values().stream().anyMatch(s -> s.getBudgetId().equals(BudgetRequests.BUDGET_ID) && s.getSpentMicros() == limit));
      sampler.shutdown();
      assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      Map<String, LlmReply> byId = answered(replies);
      List<LlmReply> ours = ids.stream().map(byId::get).toList();
      assertThat(ours.stream().filter(r -> r.getStatus() == ReplyStatus.TRUNCATED)).as("served").hasSize(FITS);
      assertThat(ours.stream().filter(r -> r.getStatus() == ReplyStatus.ERROR))
          .hasSize(ids.size() - FITS)
          .allSatisfy(r -> assertThat(r.getError().getCode()).isEqualTo("budget_exceeded"));
      List<CostLedgerEntry> charged = cluster.ledger().values().stream()
          .filter(e -> BudgetRequests.WORKFLOW.equals(e.getWorkflow())).toList();
      assertThat(charged).hasSize(FITS).allSatisfy(e -> assertThat(e.getCostMicros()).isEqualTo(cost));
      BudgetUsage finalUsage = router.budgetUsage(key).orElseThrow();
      assertThat(finalUsage.getSpentMicros()).isEqualTo(limit);
      assertThat(finalUsage.getInFlight()).isZero();
      assertThat(samplingFailure.get()).as("sampling failed").isNull();
      assertThat(samples.get()).as("samples of the router's store").isPositive();
      assertThat(mostCommitted.get()).as("spent + reserved at most, router").isLessThanOrEqualTo(limit);
      assertThat(mostLedgerSpent.get()).as("spent at most, llm.budget-state").isEqualTo(limit);
    }
  }

  /** {@value #CALLERS} threads released together, each publishing {@value #PER_CALLER} requests. */
  private static List<String> sendAtOnce(FaultCluster cluster, long cost) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      List<LlmRequest> mine = new ArrayList<>();
      for (int i = 0; i < PER_CALLER; i++) {
        String id = "race-" + c + "-" + i;
        ids.add(id);
        mine.add(BudgetRequests.request(id, cost));
      }
      Thread caller = Thread.ofPlatform().start(() -> {
        try {
          start.await();
          cluster.publishRequests(mine);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      callers.add(caller);
    }
    start.countDown();
    for (Thread caller : callers) {
      caller.join();
    }
    return ids;
  }

  private static Map<String, LlmReply> answered(TopicTail<LlmReply> replies) {
    return replies.values().stream().collect(Collectors.toMap(LlmReply::getRequestId, Function.identity(), (a, b) -> a));
  }
}
