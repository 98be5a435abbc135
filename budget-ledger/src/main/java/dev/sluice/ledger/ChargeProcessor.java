package dev.sluice.ledger;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.BudgetSubject;
import dev.sluice.schemas.config.Budgets;
import dev.sluice.streams.CompactedTopicPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges each ledger entry to every budget that counts it, once.
 *
 * <ul>
 *   <li>An entry id counted before is skipped ({@link SeenEntries}).
 *   <li>Otherwise, for each budget that applies to the entry's org, team, key, customer and workflow:
 *       the spend of the budget's period that holds the entry's time grows by its cost, is stored
 *       in {@value LedgerNames#BUDGET_SPEND_STORE} and queued for {@value LedgerNames#TO_BUDGET_STATE}
 *       keyed by the state key (the latest per key, once per {@link #STATE_SEND_INTERVAL}, and the
 *       states of periods not yet ended again on start: {@link CompactedTopicPublisher}); each soft threshold
 *       crossed sends one alert to {@value LedgerNames#TO_BUDGET_ALERTS} at once, keyed by budget id.
 *   <li>An entry no budget counts sends nothing and is not remembered: nothing was counted.
 *   <li>A record without a value, or older than the id store remembers, is refused with an
 *       {@link UncountableEntryException}, which sends it to llm.dead-letter.
 * </ul>
 *
 * <p>Every budget's charge is worked out before anything is stored or sent, so a failure leaves
 * the entry wholly uncounted (and dead-lettered), never counted for some budgets only. Under
 * exactly-once the stores and the output commit together: an entry read again after a crash finds
 * its id and its alerts exactly as the last commit left them, so it never alerts twice.
 *
 * <p>llm.cost-ledger is keyed by org, and every budget lies within one org (a key budget within
 * its key's), so all entries of a budget reach the same task and its state lives in one place.
 */
public final class ChargeProcessor extends ContextualProcessor<String, CostLedgerEntry, String, SpecificRecord> {
  /** llm.budget-state is compacted and read for its latest values: each budget's is sent once a second. */
  static final Duration STATE_SEND_INTERVAL = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(ChargeProcessor.class);

  private final Budgets budgets;
  private final Clock clock;
  private SeenEntries seen;
  private BudgetSpend spend;
  private CompactedTopicPublisher<BudgetState> states;

  /** @param clock "now" for the states' {@code updated_at} and the alerts' {@code time}; periods follow entry time */
  public ChargeProcessor(Budgets budgets, Clock clock) {
    this.budgets = budgets;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    super.init(context);
    seen = new SeenEntries(context.getStateStore(LedgerNames.SEEN_ENTRIES_STORE), LedgerStores.SEEN_ENTRIES_RETENTION);
    KeyValueStore<String, BudgetState> spendStore = context.getStateStore(LedgerNames.BUDGET_SPEND_STORE);
    spend = new BudgetSpend(spendStore);
    Instant started = clock.instant();
    states = CompactedTopicPublisher.start(context, LedgerNames.TO_BUDGET_STATE, STATE_SEND_INTERVAL, spendStore,
        state -> state.getPeriodEnd().isAfter(started));
  }

  @Override
  public void process(Record<String, CostLedgerEntry> record) {
    CostLedgerEntry entry = countable(record);
    if (seen.contains(entry.getEntryId(), entry.getTime())) {
      log.debug("ledger entry {} was counted before; skipped", entry.getEntryId());
      return;
    }
    List<BudgetConfig> applying = budgets.applying(BudgetSubject.of(entry));
    if (applying.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<BudgetCharge> charges = new ArrayList<>(applying.size());
    for (BudgetConfig budget : applying) {
      BudgetPeriod period = BudgetPeriod.of(budget, entry.getTime());
      String key = BudgetStateKey.of(budget.id(), period.start());
      charges.add(BudgetCharge.of(budget, period, key, spend.get(key), entry, now));
    }
    seen.remember(entry.getEntryId(), entry.getTime(), entry.getCostMicros());
    for (BudgetCharge charge : charges) {
      spend.put(charge.stateKey(), charge.state());
      states.changed(charge.stateKey(), charge.state());
      for (BudgetAlert alert : charge.alerts()) {
        log.info("budget {} crossed {} of its limit in the period from {}: {} of {} micro-dollars (alert {})",
            alert.getBudgetId(), alert.getThreshold(), alert.getPeriodStart(), alert.getSpentMicros(),
            alert.getLimitMicros(), alert.getAlertId());
        context().forward(record.withKey(alert.getBudgetId()).withValue(alert), LedgerNames.TO_BUDGET_ALERTS);
      }
    }
  }

  private CostLedgerEntry countable(Record<String, CostLedgerEntry> record) {
    CostLedgerEntry entry = record.value();
    if (entry == null) {
      throw new UncountableEntryException("a record of org '" + record.key() + "' has no value: not a ledger entry");
    }
    if (entry.getEntryId().isBlank()) {
      throw new UncountableEntryException("ledger entry of request '" + entry.getRequestId()
          + "' has a blank entry_id, so it could not be counted only once");
    }
    if (seen.tooLate(entry.getTime(), context().currentStreamTimeMs())) {
      throw new UncountableEntryException("ledger entry " + entry.getEntryId() + " of " + entry.getTime()
          + " is more than " + LedgerStores.SEEN_ENTRIES_RETENTION.toDays() + " days older than the newest ledger record"
          + " (" + Instant.ofEpochMilli(context().currentStreamTimeMs()) + "); its id is no longer remembered,"
          + " so it could be counted twice");
    }
    return entry;
  }
}
