package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primary answers 30% of its calls with 500 or with 429 and a Retry-After. */
class FlakyPrimaryIT {
  private static final int REQUESTS = 400;
  private static final int MAX_RETRIES = 3;

  @Test
  void everyRequestSucceedsAndNoTargetIsRetriedMoreThanAllowed() {
    try (FaultCluster cluster = new FaultCluster(2, null,
        "{max_retries: " + MAX_RETRIES + ", backoff_initial_ms: 20, backoff_max_ms: 2000}")) {
      cluster.primary().behaviour(SimulatorBehaviour.normal()
          .withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultPlan.sequence(thirtyPercentFaults(4 * REQUESTS))));
      cluster.startWorkers();
      cluster.startRouter();
      TopicTail<LlmReply> replies = cluster.replies();
      List<String> ids = Replies.ids("flaky", REQUESTS);

      cluster.publish(ids);
      await().atMost(Duration.ofSeconds(120)).until(() -> Replies.distinctIds(replies) == REQUESTS);

      List<LlmReply> all = replies.values();
      ExactlyOnceChecks.assertOneReplyEach(all, ids);
      assertThat(all).extracting(LlmReply::getStatus).containsOnly(ReplyStatus.OK);
      for (LlmReply reply : all) {
        assertThat(Replies.attemptsAt(reply, FaultCluster.PRIMARY)).as(reply.getAttempts().toString())
            .isLessThanOrEqualTo(MAX_RETRIES + 1);
        assertThat(reply.getAttempts()).extracting(Attempt::getRetry).allMatch(retry -> retry <= MAX_RETRIES);
      }
      List<Attempt> primaryAttempts = all.stream().flatMap(r -> r.getAttempts().stream())
          .filter(a -> a.getProvider().equals(FaultCluster.PRIMARY) && a.getHttpStatus() != null).toList();
      assertThat(primaryAttempts).extracting(Attempt::getHttpStatus).as("both kinds of fault were met and retried")
          .contains(500, 429, 200);
      assertThat(cluster.primary().calls(ProviderSimulator.OPENAI_CHAT_PATH))
          .as("every call the primary saw is listed in a reply").isEqualTo(primaryAttempts.size());
      ExactlyOnceChecks.assertOneLedgerEntryPerBilledAttempt(all, cluster.ledger().values());
    }
  }

  /** A fixed, seeded sequence: 15% 500, 15% 429 with Retry-After 1 s, the rest normal answers. */
  private static Fault[] thirtyPercentFaults(int calls) {
    Random random = new Random(42);
    Fault[] faults = new Fault[calls];
    for (int i = 0; i < calls; i++) {
      double draw = random.nextDouble();
      faults[i] = draw < 0.15 ? Fault.status(500) : draw < 0.30 ? Fault.rateLimited(1) : Fault.none();
    }
    return faults;
  }
}
