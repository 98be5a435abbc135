package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.router.budget.CostEstimator;
import dev.sluice.router.fixtures.BrokerIO;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.MutableClock;
import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.money.MicroDollars;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets in the router as it runs, on a real broker, with an injected clock: a team budget binds
 * while the key's own has room, a key budget binds while its org's has room, and at midnight a
 * daily budget starts again from zero.
 */
class RouterBudgetIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-11-21T23:59:30Z");
  private static final Instant NEXT_DAY = Instant.parse("2026-11-22T00:00:00Z");

  @TempDir
  Path stateDir;

  @Test
  void teamAndKeyBudgetsBindAndADailyBudgetResetsAtMidnight() throws Exception {
    long e = new CostEstimator(Fixtures.config()).estimate(new RouteTarget("openai", "gpt-4o-mini", List.of()),
        Fixtures.request("x").getMessages(), 256, "cheap").costMicros();
    GatewayConfig config = GatewayConfigLoader.parse(Fixtures.YAML + "budgets:\n"
        + budget("payments-day", "{org: acme, team: payments}", e)
        + budget("beta-day", "{key: key-beta}", 10 * e)
        + budget("alpha-day", "{key: key-alpha}", e)
        + budget("acme-day", "{org: acme}", 10 * e), "budgets.yaml");
    MutableClock clock = new MutableClock(BEFORE_MIDNIGHT);
    try (EmbeddedKafkaBroker broker = BrokerIO.startWithGatewayTopics();
         RouterService router = new RouterService(RouterSettings.defaults(broker.bootstrapServers(), stateDir)
             .withReplicationFactor(1).withCommitIntervalMs(20), config, SERDES, clock)) {
      BrokerIO io = new BrokerIO(broker);
      router.start();
      assertThat(router.awaitRunning(Duration.ofSeconds(60))).isTrue();

      io.send(cheap("b-1", Fixtures.BETA_KEY));
      io.send(cheap("b-2", Fixtures.BETA_KEY));
      io.send(cheap("a-1", Fixtures.ALPHA_KEY));
      io.send(cheap("a-2", Fixtures.ALPHA_KEY));
      Map<String, List<ConsumerRecord<String, byte[]>>> today =
          io.readUntil(Map.of(TopicNames.dispatch("openai"), 2, TopicNames.REPLIES, 2));
      clock.advance(Duration.ofSeconds(60));
      io.send(cheap("b-3", Fixtures.BETA_KEY));
      io.send(cheap("a-3", Fixtures.ALPHA_KEY));
      Map<String, List<ConsumerRecord<String, byte[]>>> all =
          io.readUntil(Map.of(TopicNames.dispatch("openai"), 4, TopicNames.REPLIES, 2));

      assertThat(today.get(TopicNames.dispatch("openai"))).extracting(ConsumerRecord::key).containsExactly("b-1", "a-1");
      assertThat(all.get(TopicNames.dispatch("openai"))).extracting(ConsumerRecord::key)
          .containsExactly("b-1", "a-1", "b-3", "a-3");
      List<LlmReply> refused = all.get(TopicNames.REPLIES).stream()
          .map(r -> SERDES.replies().deserialize(TopicNames.REPLIES, r.value())).toList();
      assertThat(refused).extracting(LlmReply::getRequestId).containsExactly("b-2", "a-2");
      assertThat(refused.get(0).getError().getMessage())
          .startsWith("budget 'payments-day' (org:acme/team:payments) would be exceeded")
          .endsWith("resets at 2026-11-22T00:00:00Z");
      assertThat(refused.get(1).getError().getMessage()).startsWith("budget 'alpha-day' (key:key-alpha) would be exceeded");
      BudgetUsage orgToday = router.budgetUsage(BudgetStateKey.of("acme-day", Instant.parse("2026-11-21T00:00:00Z")))
          .orElseThrow();
      BudgetUsage orgTomorrow = router.budgetUsage(BudgetStateKey.of("acme-day", NEXT_DAY)).orElseThrow();
      assertThat(orgToday.getReservedMicros()).isEqualTo(2 * e);
      assertThat(orgTomorrow.getReservedMicros()).isEqualTo(2 * e);
      assertThat(orgTomorrow.getInFlight()).isEqualTo(2);
    }
  }

  private static String budget(String id, String scope, long limitMicros) {
    return "  - {id: " + id + ", scope: " + scope + ", period: day, limit: "
        + MicroDollars.toDollars(limitMicros) + "}\n";
  }

  private static LlmRequest cheap(String id, String key) {
    return Fixtures.request(id).setModel("cheap").setVirtualKey(key).setDeadline(null).build();
  }
}
