package dev.sluice.workers.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulator behaves: its latency and, per path, its fault plan. Immutable; swap a new one
 * in with {@link ProviderSimulator#behaviour(SimulatorBehaviour)}, which also restarts the plans'
 * sequences.
 *
 * @param latency applied to every provider call before it is answered (or faulted)
 * @param faults  fault plan by path, e.g. {@link ProviderSimulator#OPENAI_CHAT_PATH}; paths not
 *                listed answer normally
 */
public record SimulatorBehaviour(Latency latency, Map<String, FaultPlan> faults) {

  private static final SimulatorBehaviour NORMAL = new SimulatorBehaviour(Latency.none(), Map.of());

  public SimulatorBehaviour {
    Objects.requireNonNull(latency, "latency");
    faults = Map.copyOf(Objects.requireNonNull(faults, "faults"));
  }

  /** No latency and no faults. */
  public static SimulatorBehaviour normal() {
    return NORMAL;
  }

  public SimulatorBehaviour withLatency(Latency newLatency) {
    return new SimulatorBehaviour(newLatency, faults);
  }

  /** This behaviour with {@code plan} for {@code path}, replacing any plan it had. */
  public SimulatorBehaviour withFaults(String path, FaultPlan plan) {
    Map<String, FaultPlan> copy = new HashMap<>(faults);
    copy.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(plan, "plan"));
    return new SimulatorBehaviour(latency, copy);
  }

  /** The plan for {@code path}; {@link FaultPlan#none()} when it has none. */
  public FaultPlan faultPlan(String path) {
    return faults.getOrDefault(path, FaultPlan.none());
  }
}
