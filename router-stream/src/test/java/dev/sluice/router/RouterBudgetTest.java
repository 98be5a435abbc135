package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.budget.CostEstimator;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.MutableClock;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.router.stage.RouterStores;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.ErrorInfo;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RequestReservation;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.money.MicroDollars;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget stage in the router's topology: reservations, refusals, settlement, periods and cost caps. */
class RouterBudgetTest {
  private static final Instant TODAY = Instant.parse("2026-11-21T00:00:00Z");
  private static final Instant TOMORROW = Instant.parse("2026-11-22T00:00:00Z");
  /** What one {@link #cheap} request is estimated at: its prompt plus 256 output tokens of gpt-4o-mini. */
  private static final long E = new CostEstimator(Fixtures.config())
      .estimate(new RouteTarget("openai", "gpt-4o-mini", List.of()), Fixtures.request("x").getMessages(), 256, "cheap")
      .costMicros();

  @TempDir
  Path stateDir;
  private RouterDriver router;

  @AfterEach
  void close() {
    if (router != null) {
      router.close();
    }
  }

  @Test
  void anOrgBudgetAdmitsExactlyTheRequestsItCanPayFor() {
    router = driver(budget("acme-day", "{org: acme}", 5 * E), Clock.fixed(NOW, ZoneOffset.UTC));

    for (int i = 1; i <= 8; i++) {
      router.send(cheap("req-" + i, Fixtures.ALPHA_KEY).build());
    }

    Output out = router.output();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-1", "req-2", "req-3", "req-4", "req-5");
    List<KeyValue<String, LlmReply>> refused = out.replies(TopicNames.REPLIES);
    assertThat(refused).extracting(kv -> kv.key).containsExactly("req-6", "req-7", "req-8");
    ErrorInfo error = refused.get(0).value.getError();
    assertThat(error.getCode()).isEqualTo("budget_exceeded");
    assertThat(error.getMessage()).isEqualTo("budget 'acme-day' (org:acme) would be exceeded: limit " + dollars(5 * E)
        + " per day, spent $0.000000, reserved by requests in flight " + dollars(5 * E) + ", this request up to "
        + dollars(E) + "; the budget resets at 2026-11-22T00:00:00Z");
    BudgetUsage usage = router.usage("acme-day", TODAY);
    assertThat(usage.getReservedMicros()).isEqualTo(5 * E);
    assertThat(usage.getInFlight()).isEqualTo(5);
    assertThat(usage.getSpentMicros()).isZero();
  }

  @Test
  void settlingReleasesTheEstimateAndChargesTheActualCost() {
    router = driver(budget("acme-day", "{org: acme}", 2 * E), Clock.fixed(NOW, ZoneOffset.UTC));
    long actual = E / 4;
    router.send(cheap("req-1", Fixtures.ALPHA_KEY).build());
    router.send(cheap("req-2", Fixtures.ALPHA_KEY).build());
    router.send(cheap("req-3", Fixtures.ALPHA_KEY).build());

    router.outcome("acme", costing("req-1", actual));
    assertThat(router.usage("acme-day", TODAY).getReservedMicros()).isEqualTo(E);
    assertThat(router.usage("acme-day", TODAY).getSpentMicros()).isEqualTo(actual);
    router.send(cheap("req-4", Fixtures.ALPHA_KEY).build());
    router.outcome("acme", costing("req-2", actual));
    router.send(cheap("req-5", Fixtures.ALPHA_KEY).build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-1", "req-2", "req-5");
    assertThat(out.replies(TopicNames.REPLIES)).extracting(kv -> kv.key).containsExactly("req-3", "req-4");
    BudgetUsage usage = router.usage("acme-day", TODAY);
    assertThat(usage.getSpentMicros()).isEqualTo(2 * actual);
    assertThat(usage.getReservedMicros()).isEqualTo(E);
    assertThat(usage.getInFlight()).isEqualTo(1);
  }

  @Test
  void aReservationIsKeptInTheRequestsDedupeEntryAndSettledOnce() {
    router = driver(budget("acme-day", "{org: acme}", 10 * E) + budget("alpha-day", "{key: key-alpha}", 10 * E),
        Clock.fixed(NOW, ZoneOffset.UTC));
    router.send(cheap("req-1", Fixtures.ALPHA_KEY).build());

    RequestReservation held = router.dedupeEntry("acme", "req-1").getReservation();
    assertThat(held.getEstimateMicros()).isEqualTo(E);
    assertThat(held.getBudgetIds()).containsExactlyInAnyOrder("acme-day", "alpha-day");
    assertThat(held.getReservedAt()).isEqualTo(NOW);
    assertThat(router.changelogRecords(RouterStores.DEDUPE)).as("admitted and reserved in one write").isEqualTo(1);

    router.outcome("acme", costing("req-1", E / 4));
    router.outcome("acme", costing("req-1", E / 4));

    assertThat(router.dedupeEntry("acme", "req-1").getReservation()).isNull();
    for (String budget : List.of("acme-day", "alpha-day")) {
      BudgetUsage usage = router.usage(budget, TODAY);
      assertThat(usage.getSpentMicros()).as(budget + " is charged once").isEqualTo(E / 4);
      assertThat(usage.getReservedMicros()).isZero();
      assertThat(usage.getInFlight()).isZero();
    }
  }

  @Test
  void aTeamBudgetBindsWhenTheKeysOwnHasRoom() {
    router = driver(budget("payments-day", "{org: acme, team: payments}", E) + budget("beta-day", "{key: key-beta}", 10 * E),
        Clock.fixed(NOW, ZoneOffset.UTC));

    router.send(cheap("req-1", Fixtures.BETA_KEY).build());
    router.send(cheap("req-2", Fixtures.BETA_KEY).build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-1");
    assertThat(out.replies(TopicNames.REPLIES).get(0).value.getError().getMessage())
        .startsWith("budget 'payments-day' (org:acme/team:payments) would be exceeded");
    assertThat(router.usage("beta-day", TODAY).getReservedMicros()).isEqualTo(E);
  }

  @Test
  void aKeyBudgetBindsWhenItsTeamsHasRoom() {
    router = driver(budget("payments-day", "{org: acme, team: payments}", 10 * E) + budget("beta-day", "{key: key-beta}", E),
        Clock.fixed(NOW, ZoneOffset.UTC));

    router.send(cheap("req-1", Fixtures.BETA_KEY).build());
    router.send(cheap("req-2", Fixtures.BETA_KEY).build());
    router.send(cheap("req-3", Fixtures.ALPHA_KEY).build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-1", "req-3");
    assertThat(out.replies(TopicNames.REPLIES).get(0).value.getError().getMessage())
        .startsWith("budget 'beta-day' (key:key-beta) would be exceeded");
  }

  @Test
  void aDailyBudgetResetsAtTheBoundary() {
    MutableClock clock = new MutableClock(TOMORROW.minusSeconds(60));
    router = driver(budget("acme-day", "{org: acme}", E), clock);

    router.send(cheap("req-1", Fixtures.ALPHA_KEY).setDeadline(null).build());
    router.send(cheap("req-2", Fixtures.ALPHA_KEY).setDeadline(null).build());
    clock.advance(Duration.ofSeconds(61));
    router.send(cheap("req-3", Fixtures.ALPHA_KEY).setDeadline(null).build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-1", "req-3");
    assertThat(out.replies(TopicNames.REPLIES)).extracting(kv -> kv.key).containsExactly("req-2");
    assertThat(router.usage("acme-day", TODAY).getReservedMicros()).isEqualTo(E);
    assertThat(router.usage("acme-day", TOMORROW).getReservedMicros()).isEqualTo(E);
  }

  @Test
  void targetsEstimatedAboveTheRequestsCapAreSkippedAndNoTargetLeftIsARefusal() {
    router = driver("", Clock.fixed(NOW, ZoneOffset.UTC));
    List<CostEstimator.Estimate> smart = new CostEstimator(Fixtures.config()).estimateAll(
        List.of(new RouteTarget("openai", "gpt-4o", List.of()), new RouteTarget("anthropic", "claude-sonnet-4", List.of())),
        Fixtures.request("x").getMessages(), 256, "smart");
    long gpt4o = smart.get(0).costMicros();
    assertThat(smart.get(1).costMicros()).isGreaterThan(gpt4o);

    router.send(Fixtures.request("req-1").setMaxCostMicros(gpt4o).build());
    router.send(Fixtures.request("req-2").setMaxCostMicros(gpt4o - 1).build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).hasSize(1);
    assertThat(out.dispatched("openai").get(0).value.getItems().get(0).getTargets())
        .extracting(RouteTarget::getModel).containsExactly("gpt-4o");
    ErrorInfo error = out.replies(TopicNames.REPLIES).get(0).value.getError();
    assertThat(error.getCode()).isEqualTo("budget_exceeded");
    assertThat(error.getParam()).isEqualTo("max_cost_micros");
    assertThat(error.getMessage()).startsWith("max_cost_micros is " + (gpt4o - 1) + " (" + dollars(gpt4o - 1)
        + ") but every target of 'smart' is estimated higher; the cheapest at " + dollars(gpt4o));
  }

  @Test
  void aDuplicateOfARefusedRequestGetsTheSameRefusalAndReservesNothing() {
    router = driver(budget("acme-day", "{org: acme}", E), Clock.fixed(NOW, ZoneOffset.UTC));

    router.send(cheap("req-1", Fixtures.ALPHA_KEY).build());
    router.send(cheap("req-2", Fixtures.ALPHA_KEY).build());
    router.send(cheap("req-2", Fixtures.ALPHA_KEY).build());

    List<KeyValue<String, LlmReply>> replies = router.output().replies(TopicNames.REPLIES);
    assertThat(replies).extracting(kv -> kv.key).containsExactly("req-2", "req-2");
    assertThat(replies.get(1).value.getError()).isEqualTo(replies.get(0).value.getError());
    assertThat(router.usage("acme-day", TODAY).getInFlight()).isEqualTo(1);
  }

  @Test
  void theLedgersSpendCountsWhenItIsAheadOfTheRouters() {
    router = driver(budget("acme-day", "{org: acme}", 10 * E), Clock.fixed(NOW, ZoneOffset.UTC));
    router.budgetState(BudgetState.newBuilder().setBudgetId("acme-day").setScope("org:acme").setPeriod("day")
        .setPeriodStart(TODAY).setPeriodEnd(TOMORROW).setLimitMicros(10 * E).setSpentMicros(9 * E + 1)
        .setEntries(40).setUpdatedAt(NOW).build());

    router.send(cheap("req-1", Fixtures.ALPHA_KEY).build());

    assertThat(router.output().replies(TopicNames.REPLIES).get(0).value.getError().getMessage())
        .contains("spent " + dollars(9 * E + 1) + ", reserved by requests in flight $0.000000");
  }

  @Test
  void changedUsagesArePublishedOnceASecond() {
    router = driver(budget("acme-day", "{org: acme}", 10 * E), Clock.fixed(NOW, ZoneOffset.UTC));
    router.send(cheap("req-1", Fixtures.ALPHA_KEY).build());
    router.send(cheap("req-2", Fixtures.ALPHA_KEY).build());
    assertThat(router.output().budgetUsages()).isEmpty();

    router.advanceWallClock(Duration.ofSeconds(1));

    List<KeyValue<String, BudgetUsage>> published = router.output().budgetUsages();
    assertThat(published).extracting(kv -> kv.key).containsExactly("acme-day@2026-11-21T00:00:00Z");
    assertThat(published.get(0).value.getReservedMicros()).isEqualTo(2 * E);
  }

  private RouterDriver driver(String budgets, Clock clock) {
    String yaml = budgets.isEmpty() ? Fixtures.YAML : Fixtures.YAML + "budgets:\n" + budgets;
    GatewayConfig config = GatewayConfigLoader.parse(yaml, "budgets.yaml");
    return new RouterDriver(config, FixedReplyTopicDirectory.of(Fixtures.APP_REPLIES), stateDir, clock);
  }

  private static String budget(String id, String scope, long limitMicros) {
    return "  - {id: " + id + ", scope: " + scope + ", period: day, limit: " + MicroDollars.toDollars(limitMicros) + "}\n";
  }

  private static LlmRequest.Builder cheap(String requestId, String key) {
    return Fixtures.request(requestId).setModel("cheap").setVirtualKey(key);
  }

  private static LlmReply costing(String requestId, long micros) {
    return LlmReply.newBuilder(Fixtures.reply(requestId)).setCostMicros(micros).setCompletedAt(NOW).build();
  }

  private static String dollars(long micros) {
    return MicroDollars.format(micros);
  }
}
