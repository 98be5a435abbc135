package dev.sluice.gateway;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.nio.file.Path;

/**
 * Starts the Sluice services that run against a Kafka cluster. {@link GatewayServices} is the
 * real one; {@code up}, {@code router}, {@code workers} and {@link EmbeddedGateway} all go through it.
 * Each returned handle stops its service on close.
 */
public interface Services {
  /** The provider simulator ({@code config.port()} 0 picks a free one). */
  ProviderSimulator startSimulator(SimulatorConfig config);

  /**
   * The Kafka Streams router from {@code llm.requests} to the dispatch topics; returns once it is processing.
   *
   * @param stateDir local Kafka Streams state, one directory per router process
   */
  AutoCloseable startRouter(String bootstrapServers, GatewayConfig config, Path stateDir, SluiceSerdes serdes);

  /**
   * The provider workers for every configured provider.
   *
   * @param instanceId stable per worker process: it names the transactional ids
   */
  AutoCloseable startWorkers(String bootstrapServers, GatewayConfig config, String instanceId, SluiceSerdes serdes);
}
