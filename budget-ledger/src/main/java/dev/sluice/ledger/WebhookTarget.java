package dev.sluice.ledger;

import dev.sluice.schemas.config.BudgetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where one budget's alerts are posted, and the secret they are signed with. {@link #toString()}
 * leaves the secret out.
 *
 * @param budgetId the budget whose alerts go here
 * @param url the webhook's http(s) URL
 * @param secretEnv the environment variable the secret was read from
 * @param secret the HMAC-SHA256 signing secret
 */
public record WebhookTarget(String budgetId, String url, String secretEnv, String secret) {

  /**
   * The webhook targets of the budgets that have one, by budget id, with their secrets read now.
   *
   * @param env looks an environment variable up; null when it is not set ({@code System::getenv})
   * @throws IllegalStateException naming each budget whose secret variable is not set or empty
   */
  public static Map<String, WebhookTarget> resolve(List<BudgetConfig> budgets, Function<String, String> env) {
    Map<String, WebhookTarget> targets = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (BudgetConfig budget : budgets) {
      if (budget.webhook() == null) {
        continue;
      }
      String variable = budget.webhook().secretEnv();
      String secret = env.apply(variable);
      if (secret == null || secret.isEmpty()) {
        missing.add("budget '" + budget.id() + "' signs its webhook alerts with the secret in environment variable "
            + variable + ", which is not set");
      } else {
        targets.put(budget.id(), new WebhookTarget(budget.id(), budget.webhook().url(), variable, secret));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(String.join("; ", missing));
    }
    return Map.copyOf(targets);
  }

  @Override
  public String toString() {
    return "WebhookTarget[budgetId=" + budgetId + ", url=" + url + ", secretEnv=" + secretEnv + ", secret=<redacted>]";
  }
}
