package dev.sluice.gateway.faults;

import dev.sluice.router.budget.CostEstimator;
import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.money.MicroDollars;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Requests of one known cost for budget tests: the same prompt, 5 output tokens (the simulator's
 * answer is longer, so it is cut at exactly 5 and billed for them), a cap that leaves only the
 * primary target, so the estimate the router reserves is exactly what the ledger will charge.
 * They carry the workflow {@value #WORKFLOW}, so the cluster's warm-up request is not counted.
 */
final class BudgetRequests {
  static final String WORKFLOW = "budget-race";
  static final String BUDGET_ID = "race-month";
  private static final List<ChatMessage> PROMPT =
      List.of(new ChatMessage("user", "Summarise the quarterly report in one line.", null));
  private static final int MAX_TOKENS = 5;

  private BudgetRequests() {}

  /** The budgets entry for a month budget of the workflow that fits exactly {@code requests} requests. */
  static String budgetFitting(int requests, long costMicros) {
    return "  - {id: " + BUDGET_ID + ", scope: {org: acme, workflow: " + WORKFLOW + "}, period: month, limit: "
        + MicroDollars.toDollars(requests * costMicros) + "}\n";
  }

  /** What one request costs on the primary: estimate and charge alike. */
  static long costMicros(GatewayConfig config) {
    return new CostEstimator(config)
        .estimate(new RouteTarget(FaultCluster.PRIMARY, "gpt-4o-mini", List.of()), PROMPT, MAX_TOKENS, FaultCluster.ROUTE)
        .costMicros();
  }

  static LlmRequest request(String id, long costMicros) {
    return LlmRequest.newBuilder(FaultCluster.request(id))
        .setMessages(PROMPT)
        .setMaxTokens(MAX_TOKENS)
        .setMaxCostMicros(costMicros)
        .setMetadata(Map.of("workflow", WORKFLOW))
        .build();
  }

  /** The key of the budget's current period in the router's store and on llm.budget-state. */
  static String stateKey(GatewayConfig config, Instant now) {
    BudgetConfig budget = config.budgets().stream().filter(b -> b.id().equals(BUDGET_ID)).findFirst().orElseThrow();
    return BudgetStateKey.of(BUDGET_ID, BudgetPeriod.of(budget, now).start());
  }
}
