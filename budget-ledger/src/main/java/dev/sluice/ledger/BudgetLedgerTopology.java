package dev.sluice.ledger;

import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.config.Budgets;
import dev.sluice.schemas.config.GatewayConfig;
import java.time.Clock;
import org.apache.kafka.streams.Topology;

/**
 * The budget ledger's topology:
 *
 * <pre>
 * llm.cost-ledger ─> charge-budgets ─┬─> llm.budget-state  (spend per budget and period, by state key; latest, once a second)
 *                    │               └─> llm.budget-alerts (soft thresholds crossed, by budget id)
 *                    └ stores: seen-entries (window), budget-spend (key-value)
 * </pre>
 *
 * <p>One processor, {@link ChargeProcessor}; node and store names in {@link LedgerNames}, stores
 * built by {@link LedgerStores}. Nothing is repartitioned: llm.cost-ledger is keyed by org, which
 * already puts every entry of a budget in one partition. A ledger record that cannot be decoded
 * never reaches the processor: the deserialization exception handler sends it to llm.dead-letter.
 */
public final class BudgetLedgerTopology {
  private BudgetLedgerTopology() {}

  /**
   * @param config the budgets to keep (only {@link GatewayConfig#budgets()} is read)
   * @param topics topic names and serdes
   * @param clock "now" for {@code updated_at} and alert times; periods follow the entries' own time
   */
  public static Topology build(GatewayConfig config, Topics topics, Clock clock) {
    Budgets budgets = new Budgets(config.budgets());
    Topic<String, CostLedgerEntry> ledger = topics.costLedger();
    Topic<String, BudgetState> state = topics.budgetState();
    Topic<String, BudgetAlert> alerts = topics.budgetAlerts();

    Topology topology = new Topology();
    topology.addSource(LedgerNames.FROM_COST_LEDGER,
        ledger.keySerde().deserializer(), ledger.valueSerde().deserializer(), ledger.name());
    topology.addProcessor(LedgerNames.CHARGE_BUDGETS, () -> new ChargeProcessor(budgets, clock),
        LedgerNames.FROM_COST_LEDGER);
    topology.addStateStore(LedgerStores.seenEntries(), LedgerNames.CHARGE_BUDGETS);
    topology.addStateStore(LedgerStores.budgetSpend(state.valueSerde()), LedgerNames.CHARGE_BUDGETS);
    topology.addSink(LedgerNames.TO_BUDGET_STATE, state.name(),
        state.keySerde().serializer(), state.valueSerde().serializer(), LedgerNames.CHARGE_BUDGETS);
    topology.addSink(LedgerNames.TO_BUDGET_ALERTS, alerts.name(),
        alerts.keySerde().serializer(), alerts.valueSerde().serializer(), LedgerNames.CHARGE_BUDGETS);
    return topology;
  }
}
