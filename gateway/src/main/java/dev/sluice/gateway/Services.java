package dev.sluice.gateway;

import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;

/**
 * Starts the Sluice services that run against a Kafka cluster. {@link GatewayServices} is the
 * real one; {@code up}, {@code router}, {@code workers}, {@code budget-ledger} and {@link EmbeddedGateway}
 * all go through it.
 * Each returned handle stops its service on close.
 */
public interface Services {
  /** The provider simulator ({@code config.port()} 0 picks a free one). */
  ProviderSimulator startSimulator(SimulatorConfig config);

  /** The Kafka Streams router from {@code llm.requests} to the dispatch topics; returns once it is processing. */
  AutoCloseable startRouter(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes);

  /** The provider workers for the providers the settings name (every configured one when none). */
  AutoCloseable startWorkers(WorkerSettings settings, GatewayConfig config, SluiceSerdes serdes);

  /** The budget ledger: spend per budget from llm.cost-ledger, alerts and their webhooks; returns once it is processing. */
  AutoCloseable startBudgetLedger(BudgetLedgerSettings settings, GatewayConfig config, SluiceSerdes serdes);
}
