package dev.sluice.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetsTest {
  private static BudgetConfig budget(String id, BudgetScope scope) {
    return new BudgetConfig(id, scope, "day", null, new BigDecimal("10"), null, null);
  }

  private final Budgets budgets = new Budgets(List.of(
      budget("acme", new BudgetScope("acme", null, null, null, null)),
      budget("acme-payments", new BudgetScope("acme", "payments", null, null, null)),
      budget("acme-c17", new BudgetScope("acme", null, null, "c-17", null)),
      budget("acme-nightly", new BudgetScope("acme", null, null, null, "nightly")),
      budget("batch-key", new BudgetScope(null, null, "batch", null, null)),
      budget("globex", new BudgetScope("globex", null, null, null, null))));

  @Test
  void aChargeCountsAgainstItsOrgTeamCustomerWorkflowAndKey() {
    List<BudgetConfig> applying = budgets.applying(new BudgetSubject("acme", "payments", "batch", "c-17", "nightly"));
    assertThat(applying).extracting(BudgetConfig::id)
        .containsExactly("acme", "acme-payments", "acme-c17", "acme-nightly", "batch-key");
  }

  @Test
  void otherTeamsCustomersAndOrgsAreNotCounted() {
    assertThat(budgets.applying(new BudgetSubject("acme", "search", "k1", "c-18", null)))
        .extracting(BudgetConfig::id).containsExactly("acme");
    assertThat(budgets.applying(new BudgetSubject("initech", null, "k2", "c-17", "nightly"))).isEmpty();
  }

  @Test
  void limitsAreCountedInMicroDollars() {
    assertThat(budgets.byId("acme").limitMicros()).isEqualTo(10_000_000L);
  }
}
