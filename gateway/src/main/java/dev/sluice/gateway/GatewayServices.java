package dev.sluice.gateway;

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

/** The real services: {@link RouterService}, {@link WorkerService} and {@link ProviderSimulator}. */
public final class GatewayServices implements Services {
  /** A first start under exactly-once joins a group and initialises transactions: seconds, not minutes. */
  private static final Duration ROUTER_START_TIMEOUT = Duration.ofSeconds(60);

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
    try {
      if (!router.awaitRunning(ROUTER_START_TIMEOUT)) {
        router.close();
        throw new IllegalStateException("the router was not running after " + ROUTER_START_TIMEOUT.toSeconds()
            + " s (state " + router.state() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      router.close();
      throw new IllegalStateException("interrupted while starting the router", e);
    } catch (RuntimeException e) {
      router.close();
      throw e;
    }
    return router;
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
