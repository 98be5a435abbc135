package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetScope;
import dev.sluice.schemas.config.BudgetWebhookConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {
  private static final List<BudgetConfig> BUDGETS = List.of(
      budget("acme-daily", new BudgetWebhookConfig("https://hooks.example.com/acme", "ACME_HOOK_SECRET")),
      budget("quiet-daily", null),
      budget("ops-daily", new BudgetWebhookConfig("https://hooks.example.com/ops", "OPS_HOOK_SECRET")));

  @Test
  void budgetsWithAWebhookGetTheirSecretFromTheNamedVariable() {
    Map<String, WebhookTarget> targets = WebhookTarget.resolve(BUDGETS,
        Map.of("ACME_HOOK_SECRET", "a-secret", "OPS_HOOK_SECRET", "o-secret")::get);

    assertThat(targets).containsOnlyKeys("acme-daily", "ops-daily");
    assertThat(targets.get("acme-daily")).isEqualTo(new WebhookTarget("acme-daily", "https://hooks.example.com/acme",
        "ACME_HOOK_SECRET", "a-secret"));
    assertThat(targets.get("acme-daily").toString()).doesNotContain("a-secret").contains("<redacted>");
  }

  @Test
  void aMissingSecretVariableIsAnErrorNamingTheVariableAndTheBudget() {
    assertThatThrownBy(() -> WebhookTarget.resolve(BUDGETS, Map.of("OPS_HOOK_SECRET", "")::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("budget 'acme-daily' signs its webhook alerts with the secret in environment variable "
            + "ACME_HOOK_SECRET, which is not set; budget 'ops-daily' signs its webhook alerts with the secret in "
            + "environment variable OPS_HOOK_SECRET, which is not set");
  }

  @Test
  void theSignatureIsTheLowerCaseHexHmacSha256OfTheBodyBytes() {
    byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    // The example of the Wikipedia article on HMAC.
    assertThat(WebhookSignature.sign(body, "key"))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  private static BudgetConfig budget(String id, BudgetWebhookConfig webhook) {
    return new BudgetConfig(id, new BudgetScope("acme", null, null, null, null), "day", null, BigDecimal.ONE, null,
        webhook);
  }
}
