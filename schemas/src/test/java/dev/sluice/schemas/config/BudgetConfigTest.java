package dev.sluice.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.schemas.TestConfigs;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budgets section of gateway.yaml: shapes, references, periods, limits and warnings. */
class BudgetConfigTest {
  private static final String BUDGETS = TestConfigs.testGatewayYaml() + """
      budgets:
        - {id: acme-month, scope: {org: acme}, period: month, limit: 500.00}
        - {id: platform-day, scope: {org: acme, team: platform}, period: day, limit: 20, zone: Europe/Berlin, thresholds: [0.9]}
        - {id: key-day, scope: {key: test-key}, period: day, limit: 50.00,
           webhook: {url: "https://hooks.example.com/budget", secret_env: BUDGET_HOOK_SECRET}}
        - {id: support-bot, scope: {org: acme, workflow: support-bot}, period: month, limit: 900}
      """;

  @Test
  void readsScopesPeriodsLimitsThresholdsAndWebhooks() {
    GatewayConfig config = GatewayConfigLoader.parse(BUDGETS, "b.yaml");

    assertThat(config.budgets()).extracting(b -> b.scope().name())
        .containsExactly("org:acme", "org:acme/team:platform", "key:test-key", "org:acme/workflow:support-bot");
    assertThat(config.budgets()).extracting(b -> b.scope().kind()).containsExactly(
        BudgetScope.Kind.ORG, BudgetScope.Kind.TEAM, BudgetScope.Kind.KEY, BudgetScope.Kind.WORKFLOW);
    BudgetConfig month = config.budgets().getFirst();
    assertThat(month.zone()).isEqualTo("UTC");
    assertThat(month.thresholds()).containsExactlyElementsOf(BudgetConfig.DEFAULT_THRESHOLDS);
    assertThat(config.budgets().get(1).thresholds()).containsExactly(new BigDecimal("0.9"));
    assertThat(config.budgets().get(2).webhook()).isEqualTo(
        new BudgetWebhookConfig("https://hooks.example.com/budget", "BUDGET_HOOK_SECRET"));
  }

  @Test
  void aChildLargerThanItsParentIsAllowedButWarnedAbout() {
    GatewayConfig config = GatewayConfigLoader.parse(BUDGETS, "b.yaml");

    assertThat(BudgetHierarchy.warnings(config)).containsExactly(
        "budgets[2] 'key-day' (key:test-key) has a day limit of 50.00, larger than the 20 of budgets[1] 'platform-day'"
            + " (org:acme/team:platform) that contains it; the smaller limit binds",
        "budgets[3] 'support-bot' (org:acme/workflow:support-bot) has a month limit of 900, larger than the 500.00"
            + " of budgets[0] 'acme-month' (org:acme) that contains it; the smaller limit binds");
  }

  @Test
  void aKeyBudgetIsContainedByItsOrgAndTeamOnly() {
    GatewayConfig config = GatewayConfigLoader.parse(BUDGETS, "b.yaml");
    BudgetScope key = new BudgetScope(null, null, "test-key", null, null);

    assertThat(BudgetHierarchy.contains(new BudgetScope("acme", null, null, null, null), key, config)).isTrue();
    assertThat(BudgetHierarchy.contains(new BudgetScope("acme", "platform", null, null, null), key, config)).isTrue();
    assertThat(BudgetHierarchy.contains(new BudgetScope("acme", "payments", null, null, null), key, config)).isFalse();
    assertThat(BudgetHierarchy.contains(new BudgetScope("globex", null, null, null, null), key, config)).isFalse();
  }

  @Test
  void refusesNegativeLimitsUnknownScopesAndPeriodTyposWithPathAndValue() {
    String yaml = BUDGETS.replace("limit: 500.00", "limit: -5")
        .replace("{org: acme, team: platform}", "{org: acme, team: payments}")
        .replace("scope: {key: test-key}, period: day", "scope: {key: nobody}, period: daily")
        .replace("{org: acme, workflow: support-bot}", "{org: initech, workflow: support-bot, customer: c-1}")
        .replace("zone: Europe/Berlin", "zone: Mars/Olympus")
        .replace("thresholds: [0.9]", "thresholds: [90]");

    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfigLoader.parse(yaml, "b.yaml"));

    assertThat(error.problems()).containsExactlyInAnyOrder(
        "b.yaml:45: budgets[0].limit: must be >= 0, but was -5",
        "b.yaml:46: budgets[1].scope.team: unknown team 'payments' of org 'acme' (known: [platform])",
        "b.yaml:46: budgets[1].zone: not a time zone: 'Mars/Olympus' (e.g. UTC, Europe/Berlin)",
        "b.yaml:46: budgets[1].thresholds[0]: a threshold is a share of the limit in (0, 1], e.g. 0.8, but was 90",
        "b.yaml:47: budgets[2].scope.key: unknown key 'nobody' (known: [narrow-key, test-key])",
        "b.yaml:47: budgets[2].period: period must be one of [day, month], but was 'daily'",
        "b.yaml:49: budgets[3].scope: scope must be one of {org}, {org, team}, {key}, {org, customer}, {org, workflow},"
            + " but was {customer, org, workflow}");
  }

  @Test
  void aMonthRunsFromItsFirstDayToTheNextInTheBudgetsZone() {
    BudgetConfig berlinMonth = new BudgetConfig("m", new BudgetScope("acme", null, null, null, null), "month",
        "Europe/Berlin", BigDecimal.TEN, null, null);

    BudgetPeriod period = BudgetPeriod.of(berlinMonth, Instant.parse("2026-03-31T22:30:00Z"));

    // 00:30 on 1 April in Berlin (UTC+2 since the change at the end of March).
    assertThat(period.start()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    assertThat(period.end()).isEqualTo(Instant.parse("2026-04-30T22:00:00Z"));
    assertThat(period.contains(Instant.parse("2026-03-31T21:59:59Z"))).isFalse();
  }

  @Test
  void aDayResetsAtMidnightInTheBudgetsZone() {
    BudgetConfig utcDay = new BudgetConfig("d", new BudgetScope("acme", null, null, null, null), "day",
        null, BigDecimal.TEN, null, null);

    BudgetPeriod period = BudgetPeriod.of(utcDay, Instant.parse("2026-11-21T23:59:59.999Z"));

    assertThat(period).isEqualTo(new BudgetPeriod(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")));
    assertThat(BudgetPeriod.of(utcDay, period.end()).start()).isEqualTo(period.end());
    assertThat(List.of(period.contains(period.start()), period.contains(period.end()))).containsExactly(true, false);
  }
}
