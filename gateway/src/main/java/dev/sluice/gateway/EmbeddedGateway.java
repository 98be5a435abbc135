package dev.sluice.gateway;

import dev.sluice.embedded.DataDirs;
import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything in one JVM: an embedded Kafka broker with all topics, the provider simulator, the
 * workers and the router. {@code sluice up} runs one; end-to-end tests start one per class:
 *
 * <pre>{@code
 * try (EmbeddedGateway gateway = EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo(), new GatewayServices())) {
 *   SluiceClient client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers()));
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedGateway.class);
  /**
   * Instance id of the embedded workers and router: stable, so a restart on the same data fences the
   * last run's transactions and takes its partitions back at once.
   */
  static final String INSTANCE_ID = "embedded";

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Path dataDir;
  private final boolean temporary;
  private EmbeddedKafkaBroker broker;
  private ProviderSimulator simulator;
  private GatewayConfig config;

  private EmbeddedGateway(Path dataDir, boolean temporary) {
    this.dataDir = dataDir;
    this.temporary = temporary;
  }

  /**
   * Starts broker, topics, simulator, workers, budget ledger and router, in that order, and returns once all
   * are running. If one fails, those already started are closed before the exception leaves.
   */
  public static EmbeddedGateway start(EmbeddedGatewaySettings settings, Services services) {
    boolean temporary = settings.dataDir() == null;
    EmbeddedGateway gateway = new EmbeddedGateway(temporary ? DataDirs.createTemp("sluice-") : DataDirs.create(settings.dataDir()), temporary);
    try {
      gateway.startAll(settings, services);
      return gateway;
    } catch (RuntimeException | Error e) {
      gateway.close();
      throw e;
    }
  }

  private void startAll(EmbeddedGatewaySettings settings, Services services) {
    broker = EmbeddedKafkaBroker.persistent(dataDir.resolve("kafka")).port(settings.kafkaPort()).build();
    running.push(broker);
    broker.start();
    if (settings.simulator()) {
      simulator = services.startSimulator(SimulatorConfig.defaults().withPort(settings.simulatorPort()));
      running.push(simulator);
    }
    String simulatorUrl = simulator == null ? null : simulator.apiBaseUrl();
    config = settings.config() != null ? settings.config().apply(simulatorUrl) : DemoConfig.load(simulatorUrl);
    broker.createTopics(TopicNames.all(config.providers().keySet()), settings.partitions(), TopicNames::isCompacted);
    // No schema registry in one JVM: single-object encoding needs none.
    SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
    String bootstrap = broker.bootstrapServers();
    ExactlyOnceTuning tuning = settings.tuning();
    running.push(services.startWorkers(WorkerSettings.defaults(bootstrap).withInstanceId(INSTANCE_ID)
        .withBatchWindow(tuning.workerBatchWindow()), config, serdes));
    running.push(services.startBudgetLedger(
        BudgetLedgerSettings.defaults(bootstrap, DataDirs.create(dataDir.resolve("budget-ledger")))
            .withInstanceId(INSTANCE_ID), config, serdes));
    running.push(services.startRouter(RouterSettings.defaults(bootstrap, DataDirs.create(dataDir.resolve("router")))
        .withCommitIntervalMs(tuning.routerCommitIntervalMs()).withInstanceId(INSTANCE_ID), config, serdes));
    log.info("Sluice is up: Kafka at {}, data in {}", broker.bootstrapServers(), dataDir);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The simulator, for tests that inject latency or faults; null when it is not running. */
  public ProviderSimulator simulator() {
    return simulator;
  }

  /** {@code http://127.0.0.1:PORT/v1}, the providers' base URL in the demo configuration; null without simulator. */
  public String simulatorUrl() {
    return simulator == null ? null : simulator.apiBaseUrl();
  }

  public GatewayConfig config() {
    return config;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Whether the data directory is temporary (deleted on close). */
  public boolean isTemporary() {
    return temporary;
  }

  /** Stops everything in the reverse order of starting; idempotent. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      AutoCloseable service = running.pop();
      try {
        service.close();
      } catch (Exception e) {
        log.warn("error while stopping {}: {}", service.getClass().getSimpleName(), e.toString());
      }
    }
    if (temporary) {
      DataDirs.deleteTree(dataDir);
    }
  }
}
