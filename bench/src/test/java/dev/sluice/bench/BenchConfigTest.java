package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetHierarchy;
import dev.sluice.schemas.config.BudgetScope;
import dev.sluice.schemas.config.BudgetSubject;
import dev.sluice.schemas.config.Budgets;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.VirtualKeyConfig;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
  private static final String SIMULATOR = "http://127.0.0.1:9999/v1";

  @Test
  void givesEachOrgOneKeySignedByItsOwnSecret() {
    BenchOrgs orgs = new BenchOrgs(3, false);

    GatewayConfig config = BenchConfig.load(SIMULATOR, orgs, false);

    assertThat(config.keys()).extracting(VirtualKeyConfig::id, VirtualKeyConfig::org, VirtualKeyConfig::sha256)
        .containsExactly(
            tuple("org-0000-key", "org-0000", Sha256.hex("sk-bench-org-0000")),
            tuple("org-0001-key", "org-0001", Sha256.hex("sk-bench-org-0001")),
            tuple("org-0002-key", "org-0002", Sha256.hex("sk-bench-org-0002")));
    assertThat(config.keys()).allSatisfy(key -> {
      assertThat(key.routes()).containsExactly("claude", "failover", "fast", "flaky");
      assertThat(key.team()).isNull();
    });
    assertThat(config.budgets()).isEmpty();
    assertThat(config.providers().get("openai").baseUrl()).isEqualTo(SIMULATOR);
  }

  @Test
  void turnsTheSemanticCacheOnForEveryRouteWhenAsked() {
    GatewayConfig on = BenchConfig.load(SIMULATOR, new BenchOrgs(1, false), true);
    GatewayConfig off = BenchConfig.load(SIMULATOR, new BenchOrgs(1, false), false);

    assertThat(on.routes().keySet()).allSatisfy(route -> assertThat(on.cacheFor(route).semantic()).isTrue());
    assertThat(off.routes().keySet()).allSatisfy(route -> assertThat(off.cacheFor(route).semantic()).isFalse());
  }

  @Test
  void givesEachOrgADayBudgetAndItsKeyAMonthBudgetThatNeverBind() {
    GatewayConfig config = BenchConfig.load(SIMULATOR, new BenchOrgs(3, true), false);

    assertThat(config.keys()).hasSize(3);
    assertThat(config.budgets()).extracting(BudgetConfig::id, b -> b.scope().name(), BudgetConfig::period)
        .containsExactly(
            tuple("org-0000-day", "org:org-0000", "day"),
            tuple("org-0000-key-month", "key:org-0000-key", "month"),
            tuple("org-0001-day", "org:org-0001", "day"),
            tuple("org-0001-key-month", "key:org-0001-key", "month"),
            tuple("org-0002-day", "org:org-0002", "day"),
            tuple("org-0002-key-month", "key:org-0002-key", "month"));
    assertThat(config.budgets()).allSatisfy(budget -> {
      assertThat(budget.limit()).isEqualByComparingTo(new BigDecimal("1000000"));
      assertThat(budget.limitMicros()).isEqualTo(1_000_000_000_000L);
    });
    assertThat(config.budgets()).filteredOn(b -> b.scope().kind() == BudgetScope.Kind.ORG).hasSize(3);
    assertThat(config.budgets()).filteredOn(b -> b.scope().kind() == BudgetScope.Kind.KEY).hasSize(3);
    assertThat(BudgetHierarchy.warnings(config)).isEmpty();
  }

  @Test
  void checksEveryRequestAgainstItsOrgsBudgetAndItsKeysOnly() {
    Budgets budgets = new Budgets(BenchConfig.load(SIMULATOR, new BenchOrgs(3, true), false).budgets());

    List<BudgetConfig> applying = budgets.applying(new BudgetSubject("org-0001", null, "org-0001-key", null, null));

    assertThat(applying).extracting(BudgetConfig::id).containsExactly("org-0001-day", "org-0001-key-month");
  }

  @Test
  void validatesAThousandOrgsWithTheirBudgets() {
    GatewayConfig config = BenchConfig.load(SIMULATOR, new BenchOrgs(1000, true), false);

    assertThat(config.keys()).hasSize(1000);
    assertThat(config.keys().get(999).org()).isEqualTo("org-0999");
    assertThat(config.budgets()).hasSize(2000);
  }

  @Test
  void rejectsFewerThanOneOrg() {
    assertThatThrownBy(() -> new BenchOrgs(0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the number of orgs must be >= 1, but was 0");
  }

  @Test
  void describesOrgsAndBudgetsForTheReport() {
    assertThat(new BenchOrgs(1, false).describe()).isEqualTo("1 org, budgets off");
    assertThat(new BenchOrgs(1000, true).describe())
        .isEqualTo("1,000 orgs, budgets on (org per day and key per month each, never binding)");
  }
}
