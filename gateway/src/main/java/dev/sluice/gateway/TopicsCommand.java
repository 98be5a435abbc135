package dev.sluice.gateway;

import dev.sluice.embedded.TopicAdmin;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.config.GatewayConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice topics}: creates every topic the configuration needs on an external Kafka; idempotent. */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Create every topic Sluice needs (requests, replies, ledger, audit, dead letters, one dispatch topic per provider).")
final class TopicsCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ConfigOption config;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", description = "Partitions of each new topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "-1",
      description = "Replicas of each new topic (default: the broker's default.replication.factor).")
  short replicationFactor;

  TopicsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    GatewayConfig gatewayConfig = config.load(DemoConfig.SIMULATOR_API_URL);
    KafkaCheck.requireReachable(kafka.bootstrap);
    List<String> topics = TopicNames.all(gatewayConfig.providers().keySet());
    try {
      TopicAdmin.create(kafka.bootstrap, topics, partitions, replicationFactor, TopicNames::isCompacted);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    context.out().println("topics ready on " + kafka.bootstrap + ": " + String.join(", ", topics));
    return 0;
  }
}
