package dev.sluice.workers.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link ProviderSimulator}.
 *
 * @param port      port on 127.0.0.1; 0 picks a free one
 * @param behaviour the behaviour at start
 * @param maxHang   how long a {@link FaultKind#HANG} holds the connection before dropping it, so
 *                  that a client without a timeout cannot pin the simulator forever
 */
public record SimulatorConfig(int port, SimulatorBehaviour behaviour, Duration maxHang) {

  public SimulatorConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, but was " + port);
    }
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(maxHang, "maxHang");
    if (maxHang.isNegative() || maxHang.isZero()) {
      throw new IllegalArgumentException("maxHang must be > 0, but was " + maxHang);
    }
  }

  /** An ephemeral port, normal behaviour, hangs held for at most two minutes. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(0, SimulatorBehaviour.normal(), Duration.ofMinutes(2));
  }

  public SimulatorConfig withPort(int newPort) {
    return new SimulatorConfig(newPort, behaviour, maxHang);
  }

  public SimulatorConfig withBehaviour(SimulatorBehaviour newBehaviour) {
    return new SimulatorConfig(port, newBehaviour, maxHang);
  }

  public SimulatorConfig withMaxHang(Duration newMaxHang) {
    return new SimulatorConfig(port, behaviour, newMaxHang);
  }
}
