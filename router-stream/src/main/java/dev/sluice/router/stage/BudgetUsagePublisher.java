package dev.sluice.router.stage;

import dev.sluice.router.budget.BudgetAccounts;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Opens a task's {@link BudgetAccounts} for a processor, and sends the usages it changed to
 * {@value Nodes#TO_BUDGET_RESERVATIONS} once per {@link #INTERVAL} of wall-clock time, keyed by
 * budget and period: operators see them within a second, at one record per changed usage rather
 * than one per request.
 */
final class BudgetUsagePublisher {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private BudgetUsagePublisher() {}

  /** @param now "now" when the task starts: the usages of periods not yet ended are published again */
  static BudgetAccounts accountsPublishedBy(ProcessorContext<String, Object> context, Instant now) {
    BudgetAccounts accounts = new BudgetAccounts(context.getStateStore(RouterStores.BUDGET_USAGE), now);
    context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, time -> accounts.publishChanged((key, usage) ->
        context.forward(new Record<>(key, usage, time), Nodes.TO_BUDGET_RESERVATIONS)));
    return accounts;
  }
}
