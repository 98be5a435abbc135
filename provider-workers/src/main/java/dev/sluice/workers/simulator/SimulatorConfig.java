package dev.sluice.workers.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link ProviderSimulator}.
 *
 * @param bindAddress the address to listen on: 127.0.0.1, or 0.0.0.0 inside a container
 * @param port      port to listen on; 0 picks a free one
 * @param behaviour the behaviour at start
 * @param maxHang   how long a {@link FaultKind#HANG} holds the connection before dropping it, so
 *                  that a client without a timeout cannot pin the simulator forever
 */
public record SimulatorConfig(String bindAddress, int port, SimulatorBehaviour behaviour, Duration maxHang) {
  public static final String LOOPBACK = "127.0.0.1";

  public SimulatorConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, but was " + port);
    }
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(maxHang, "maxHang");
    if (maxHang.isNegative() || maxHang.isZero()) {
      throw new IllegalArgumentException("maxHang must be > 0, but was " + maxHang);
    }
  }

  /** 127.0.0.1, an ephemeral port, normal behaviour, hangs held for at most two minutes. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(LOOPBACK, 0, SimulatorBehaviour.normal(), Duration.ofMinutes(2));
  }

  public SimulatorConfig withPort(int newPort) {
    return new SimulatorConfig(bindAddress, newPort, behaviour, maxHang);
  }

  public SimulatorConfig withBindAddress(String address) {
    return new SimulatorConfig(address, port, behaviour, maxHang);
  }
}
