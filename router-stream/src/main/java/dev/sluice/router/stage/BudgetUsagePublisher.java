package dev.sluice.router.stage;

import dev.sluice.router.budget.BudgetAccounts;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.streams.CompactedTopicPublisher;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Opens a task's {@link BudgetAccounts} for a processor, and sends the usages it changed to
 * {@value Nodes#TO_BUDGET_RESERVATIONS} once per {@link #INTERVAL} of wall-clock time, keyed by
 * budget and period: operators see them within a second, at one record per changed usage rather
 * than one per request. On start, the usages of periods not yet ended are sent again
 * ({@link CompactedTopicPublisher}).
 */
final class BudgetUsagePublisher {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private BudgetUsagePublisher() {}

  /** @param now "now" when the task starts: the usages of periods not yet ended are published again */
  static BudgetAccounts accountsPublishedBy(ProcessorContext<String, Object> context, Instant now) {
    KeyValueStore<String, BudgetUsage> store = context.getStateStore(RouterStores.BUDGET_USAGE);
    CompactedTopicPublisher<BudgetUsage> publisher = CompactedTopicPublisher.start(context,
        Nodes.TO_BUDGET_RESERVATIONS, INTERVAL, store, usage -> usage.getPeriodEnd().isAfter(now));
    return new BudgetAccounts(store, publisher::changed);
  }
}
