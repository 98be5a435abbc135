package dev.sluice.gateway;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.workers.dispatch.WorkerSettings;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice workers}: the provider workers alone, against an external Kafka. */
@Command(name = "workers", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the provider workers (dispatch topics to providers, replies back) against a running Kafka.")
final class WorkersCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ConfigOption config;

  @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:SLUICE_INSTANCE_ID:-0}",
      description = "Unique per running workers process and stable across its restarts: it names the"
          + " transactional ids and the static group members, so a restart fences its predecessor and takes"
          + " its partitions back at once (default: $SLUICE_INSTANCE_ID, else 0).")
  String instanceId;

  @Mixin
  WorkerBatchWindowOption batchWindow;

  WorkersCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig gatewayConfig = config.load(DemoConfig.SIMULATOR_API_URL);
    KafkaCheck.requireReachable(kafka.bootstrap);
    WorkerSettings settings = WorkerSettings.defaults(kafka.bootstrap).withInstanceId(instanceId)
        .withBatchWindow(batchWindow.window());
    AutoCloseable workers = context.services().startWorkers(settings, gatewayConfig, kafka.serdes());
    context.err().println("workers for " + String.join(", ", new TreeSet<>(gatewayConfig.providers().keySet()))
        + " running against " + kafka.bootstrap + "; press Ctrl-C to stop");
    context.stop().awaitThenClose(workers, context.err());
    return 0;
  }
}
