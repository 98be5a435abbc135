package dev.sluice.router.stage;

import dev.sluice.router.budget.BudgetAccounts;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.config.Budgets;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Settles a request's reservation when its terminal reply arrives on llm.outcomes: the estimate
 * is released and the actual cost charged ({@link BudgetAccounts#settle}). The worker writes that
 * reply in the same transaction as the request's ledger entries, and its {@code cost_micros} is
 * their sum, so the router's spend is the ledger's, without waiting for the budget-ledger service.
 *
 * <p>llm.outcomes is partitioned like llm.requests.by-org, so the outcome meets its reservation in
 * the task that made it. An outcome without a reservation (no budget counted the request, or
 * settled already) changes nothing.
 */
public final class SettleBudgetProcessor extends ContextualProcessor<String, LlmReply, String, Object> {
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
  public void process(Record<String, LlmReply> record) {
    LlmReply reply = record.value();
    if (record.key() == null || reply == null) {
      return;
    }
    accounts.settle(record.key(), reply.getCostMicros(), reply.getCompletedAt(), budgets, clock.instant());
  }
}
