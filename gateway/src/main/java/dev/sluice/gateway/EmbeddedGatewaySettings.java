package dev.sluice.gateway;

import dev.sluice.schemas.config.GatewayConfig;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What {@link EmbeddedGateway} starts.
 *
 * @param dataDir where Kafka and the router keep their data; null for a temporary directory deleted on close
 * @param kafkaPort the broker's port on 127.0.0.1; 0 picks a free one
 * @param simulator whether to run the provider simulator
 * @param simulatorPort the simulator's port on 127.0.0.1; 0 picks a free one
 * @param config makes the gateway configuration from the simulator's API base URL (null when the
 *     simulator does not run); null for the demo configuration pointed at the simulator
 * @param partitions partitions of each topic created
 * @param tuning the router's commit interval and the workers' batch window
 */
public record EmbeddedGatewaySettings(Path dataDir, int kafkaPort, boolean simulator, int simulatorPort,
    Function<String, GatewayConfig> config, int partitions, ExactlyOnceTuning tuning) {
  public EmbeddedGatewaySettings {
    checkPort("kafkaPort", kafkaPort);
    checkPort("simulatorPort", simulatorPort);
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be > 0, but was " + partitions);
    }
    java.util.Objects.requireNonNull(tuning, "tuning");
    if (config == null && !simulator) {
      throw new IllegalArgumentException("the demo configuration needs the simulator: give a config or keep the simulator");
    }
  }

  /** Temporary data, free ports, the simulator, the demo configuration, 3 partitions: what tests want. */
  public static EmbeddedGatewaySettings ephemeralDemo() {
    return new EmbeddedGatewaySettings(null, 0, true, 0, null, 3, ExactlyOnceTuning.DEFAULTS);
  }

  /** A configuration made once the simulator runs, from its API base URL (e.g. {@code http://127.0.0.1:40123/v1}). */
  public EmbeddedGatewaySettings withConfigFor(Function<String, GatewayConfig> newConfig) {
    return new EmbeddedGatewaySettings(dataDir, kafkaPort, simulator, simulatorPort, newConfig, partitions, tuning);
  }

  public EmbeddedGatewaySettings withPartitions(int newPartitions) {
    return new EmbeddedGatewaySettings(dataDir, kafkaPort, simulator, simulatorPort, config, newPartitions, tuning);
  }

  public EmbeddedGatewaySettings withTuning(ExactlyOnceTuning newTuning) {
    return new EmbeddedGatewaySettings(dataDir, kafkaPort, simulator, simulatorPort, config, partitions, newTuning);
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be between 0 and 65535, but was " + port);
    }
  }
}
