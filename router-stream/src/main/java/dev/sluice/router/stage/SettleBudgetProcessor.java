package dev.sluice.router.stage;

import dev.sluice.router.budget.BudgetAccounts;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.config.Budgets;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Settles a request's reservation when its first terminal reply arrives on llm.outcomes
 * ({@link OutcomeProcessor} finds the reservation in the request's dedupe entry): the estimate is
 * released and the actual cost charged ({@link BudgetAccounts#settle}). The worker writes that
 * reply in the same transaction as the request's ledger entries, and its {@code cost_micros} is
 * their sum, so the router's spend is the ledger's, without waiting for the budget-ledger service.
 *
 * <p>llm.outcomes is partitioned like llm.requests.by-org, so the outcome meets its reservation in
 * the task that made it.
 */
public final class SettleBudgetProcessor extends ContextualProcessor<String, Settlement, String, Object> {
  private final Budgets budgets;
  private final Clock clock;
  private BudgetAccounts accounts;

  public SettleBudgetProcessor(Budgets budgets, Clock clock) {
    this.budgets = budgets;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    accounts = BudgetUsagePublisher.accountsPublishedBy(context);
  }

  @Override
  public void process(Record<String, Settlement> record) {
    LlmReply reply = record.value().reply();
    accounts.settle(record.value().reservation(), reply.getCostMicros(), reply.getCompletedAt(), budgets,
        clock.instant());
  }
}
