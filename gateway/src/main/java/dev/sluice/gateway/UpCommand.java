package dev.sluice.gateway;

import dev.sluice.schemas.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice up}: Kafka, topics, simulator, workers and router in this JVM until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run an embedded Kafka broker, the provider simulator, the workers, the budget ledger and the router in one process.")
final class UpCommand implements Callable<Integer> {
  static final Path DEFAULT_DATA_DIR = Path.of("data");
  static final int DEFAULT_KAFKA_PORT = 9092;

  private final CliContext context;

  @ArgGroup(exclusive = true)
  Storage storage;

  static final class Storage {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep Kafka's and the router's data here (default: ./data).")
    Path dataDir;

    @Option(names = "--ephemeral", description = "Keep data in a temporary directory, deleted on stop.")
    boolean ephemeral;
  }

  @Mixin
  ConfigOption config;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_KAFKA_PORT, description = "Kafka's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--simulator-port", paramLabel = "PORT", defaultValue = "18080",
      description = "The provider simulator's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int simulatorPort;

  @Option(names = "--no-simulator", description = "Do not run the provider simulator (needs --config with real providers).")
  boolean noSimulator;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Mixin
  RouterCommitOption routerCommit;

  @Mixin
  WorkerBatchWindowOption batchWindow;

  UpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (config.isDemo() && noSimulator) {
      throw new UserException("the demo configuration calls the simulator: give --config, or drop --no-simulator");
    }
    GatewayConfig gatewayConfig = config.isDemo() ? null : config.load(null);
    Ports.requireFree(port, "Kafka", "--port");
    if (!noSimulator) {
      Ports.requireFree(simulatorPort, "the provider simulator", "--simulator-port");
    }
    Path dataDir = storage == null ? DEFAULT_DATA_DIR : storage.ephemeral ? null : storage.dataDir;
    EmbeddedGatewaySettings settings = new EmbeddedGatewaySettings(dataDir, port, !noSimulator, simulatorPort,
        gatewayConfig == null ? null : simulatorUrl -> gatewayConfig, partitions, ExactlyOnceTuning.of(routerCommit, batchWindow));

    context.err().println("starting Kafka, the provider simulator, the workers, the budget ledger and the router...");
    long startedAt = context.nanoTime().getAsLong();
    EmbeddedGateway gateway = EmbeddedGateway.start(settings, context.services());
    printReady(gateway, (context.nanoTime().getAsLong() - startedAt) / 1e9);
    context.stop().awaitThenClose(gateway, context.err());
    return 0;
  }

  private void printReady(EmbeddedGateway gateway, double seconds) {
    PrintStream out = context.out();
    out.printf(Locale.ROOT, "Sluice is up (started in %.1f s).%n", seconds);
    out.println("  kafka       " + gateway.bootstrapServers() + "   data in "
        + (gateway.isTemporary() ? "a temporary directory, deleted on stop" : gateway.dataDir().toAbsolutePath()));
    if (gateway.simulatorUrl() != null) {
      out.println("  simulator   " + gateway.simulatorUrl() + "   (OpenAI and Anthropic APIs)");
    }
    out.println("  providers   " + String.join(", ", new TreeSet<>(gateway.config().providers().keySet())));
    out.println("  routes      " + String.join(", ", new TreeSet<>(gateway.config().routes().keySet())));
    out.println();
    String bootstrap = port == DEFAULT_KAFKA_PORT ? "" : " --bootstrap " + gateway.bootstrapServers();
    if (config.isDemo()) {
      out.println("Send a request with the demo key " + DemoConfig.DEMO_KEY + ":");
      out.println("  ./sluice send --key " + DemoConfig.DEMO_KEY + bootstrap + " --model fast \"Say hello in French\"");
    } else {
      out.println("Send a request with one of your keys:");
      out.println("  ./sluice send --key YOUR_KEY" + bootstrap + " --model ROUTE \"Say hello in French\"");
    }
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
