package dev.sluice.gateway;

import dev.sluice.ledger.BudgetLedgerService;
import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterService;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderRegistry;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.dispatch.WorkerService;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The real services: {@link RouterService}, {@link WorkerService}, {@link BudgetLedgerService} and
 * {@link ProviderSimulator}.
 */
public final class GatewayServices implements Services {
  /** A first start under exactly-once joins a group and initialises transactions: seconds, not minutes. */
  private static final Duration STREAMS_START_TIMEOUT = Duration.ofSeconds(60);

  private final ProviderSecrets secrets;

  /** Provider API keys from the environment, with a placeholder for the simulator's. */
  public GatewayServices() {
    this(ProviderSecrets.environment().orElse(DemoConfig::simulatorKeyFallback));
  }

  public GatewayServices(ProviderSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public ProviderSimulator startSimulator(SimulatorConfig config) {
    return ProviderSimulator.start(config);
  }

  @Override
  public AutoCloseable startRouter(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes) {
    RouterService router = new RouterService(settings, config, serdes);
    router.start();
    return running("the router", router, router::awaitRunning, () -> router.state().toString());
  }

  @Override
  public AutoCloseable startBudgetLedger(BudgetLedgerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
    BudgetLedgerService ledger = new BudgetLedgerService(settings, config, new Topics(serdes));
    try {
      ledger.start();
    } catch (IllegalStateException e) {
      // A webhook's secret variable is not set, or a topic is missing: the message names it.
      ledger.close();
      throw new UserException(e.getMessage(), e);
    }
    return running("the budget ledger", ledger, ledger::awaitRunning, () -> ledger.state().toString());
  }

  /** Waits until a Kafka Streams service is processing; closes it and says why when it is not. */
  private static <S extends AutoCloseable> S running(String what, S service, StartWait wait, Supplier<String> state) {
    try {
      if (!wait.awaitRunning(STREAMS_START_TIMEOUT)) {
        close(service);
        throw new IllegalStateException(what + " was not running after " + STREAMS_START_TIMEOUT.toSeconds()
            + " s (state " + state.get() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close(service);
      throw new IllegalStateException("interrupted while starting " + what, e);
    } catch (RuntimeException e) {
      close(service);
      throw e;
    }
    return service;
  }

  private static void close(AutoCloseable service) {
    try {
      service.close();
    } catch (Exception e) {
      // The start failure is what the caller needs to see.
    }
  }

  @FunctionalInterface
  private interface StartWait {
    boolean awaitRunning(Duration timeout) throws InterruptedException;
  }

  @Override
  public AutoCloseable startWorkers(WorkerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
    ProviderRegistry providers;
    try {
      providers = new ProviderRegistry(config, secrets, new ProviderAdapterFactory());
    } catch (IllegalStateException e) {
      // A provider's API-key variable is not set: the user's to fix, and the message names it.
      throw new UserException(e.getMessage(), e);
    }
    WorkerService workers = new WorkerService(settings, config, new Topics(serdes), providers, Clock.systemUTC());
    workers.start();
    return workers;
  }
}
