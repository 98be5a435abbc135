package dev.sluice.gateway;

import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice router}: the router alone, against an external Kafka. */
@Command(name = "router", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the router (llm.requests to the dispatch topics) against a running Kafka.")
final class RouterCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ConfigOption config;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:SLUICE_STATE_DIR:-data/router-standalone}",
      description = "Local Kafka Streams state, one directory per router process (default: $SLUICE_STATE_DIR,"
          + " else ./data/router-standalone).")
  Path stateDir;

  @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:SLUICE_ROUTER_INSTANCE_ID}",
      description = "Unique per running router process and stable across its restarts: it names the static"
          + " group members, so a process restarted after a crash takes its partitions back at once instead of"
          + " after the broker's session timeout (default: $SLUICE_ROUTER_INSTANCE_ID, else dynamic membership).")
  String instanceId;

  @Option(names = "--embedder-threads", paramLabel = "N", defaultValue = "${env:SLUICE_EMBEDDER_THREADS:-1}",
      description = "Threads of the question embedder, which runs beside the router when a route uses the semantic"
          + " cache; each embeds a few hundred questions a second on one core (default: $SLUICE_EMBEDDER_THREADS,"
          + " else 1).")
  int embedderThreads;

  @Mixin
  RouterCommitOption commitInterval;

  RouterCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig gatewayConfig = config.load(DemoConfig.SIMULATOR_API_URL);
    KafkaCheck.requireReachable(kafka.bootstrap);
    RouterSettings settings = RouterSettings.defaults(kafka.bootstrap, stateDir)
        .withCommitIntervalMs(commitInterval.millis()).withInstanceId(instanceId).withEmbedderThreads(embedderThreads);
    AutoCloseable router = context.services().startRouter(settings, gatewayConfig, kafka.serdes());
    context.err().println("router running against " + kafka.bootstrap + "; press Ctrl-C to stop");
    context.stop().awaitThenClose(router, context.err());
    return 0;
  }
}
