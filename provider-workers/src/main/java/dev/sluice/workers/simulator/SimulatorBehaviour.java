package dev.sluice.workers.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How the simulator behaves: its latency, per path its fault plan, optionally a per-key request
 * rate limit, and optionally a behaviour of their own for calls made with given API keys.
 * Immutable; swap a new one in with {@link ProviderSimulator#behaviour(SimulatorBehaviour)},
 * which also restarts the plans' sequences.
 *
 * @param latency           applied to every provider call before it is answered (or faulted)
 * @param faults            fault plan by path, e.g. {@link ProviderSimulator#OPENAI_CHAT_PATH};
 *                          paths not listed answer normally
 * @param requestsPerMinute each API key may make this many calls per minute; the answers carry
 *                          the provider's rate-limit headers and calls beyond it get a 429 with
 *                          {@code Retry-After}; 0 (the default) for no limit and no headers
 * @param keys              by API key as sent (Bearer token or {@code x-api-key}): the behaviour
 *                          for calls with that key, in place of this one; these behaviours have no
 *                          keys of their own. Simulator keys only: the simulator accepts any key,
 *                          so never put a real provider key here.
 */
public record SimulatorBehaviour(Latency latency, Map<String, FaultPlan> faults, int requestsPerMinute,
    Map<String, SimulatorBehaviour> keys) {

  private static final SimulatorBehaviour NORMAL = new SimulatorBehaviour(Latency.none(), Map.of());

  public SimulatorBehaviour {
    Objects.requireNonNull(latency, "latency");
    faults = Map.copyOf(Objects.requireNonNull(faults, "faults"));
    if (requestsPerMinute < 0) {
      throw new IllegalArgumentException("requestsPerMinute must be >= 0, but was " + requestsPerMinute);
    }
    keys = Map.copyOf(Objects.requireNonNull(keys, "keys"));
    keys.forEach((key, behaviour) -> {
      if (!behaviour.keys().isEmpty()) {
        throw new IllegalArgumentException("the behaviour of key " + KeyLabel.of(key)
            + " cannot have per-key behaviours of its own");
      }
    });
  }

  /** A behaviour without rate limit or per-key behaviours. */
  public SimulatorBehaviour(Latency latency, Map<String, FaultPlan> faults) {
    this(latency, faults, 0, Map.of());
  }

  /** No latency and no faults. */
  public static SimulatorBehaviour normal() {
    return NORMAL;
  }

  public SimulatorBehaviour withLatency(Latency newLatency) {
    return new SimulatorBehaviour(newLatency, faults, requestsPerMinute, keys);
  }

  /** This behaviour with {@code plan} for {@code path}, replacing any plan it had. */
  public SimulatorBehaviour withFaults(String path, FaultPlan plan) {
    Map<String, FaultPlan> copy = new HashMap<>(faults);
    copy.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(plan, "plan"));
    return new SimulatorBehaviour(latency, copy, requestsPerMinute, keys);
  }

  /** This behaviour with a limit of {@code perMinute} calls per minute and API key (0: none). */
  public SimulatorBehaviour withRequestsPerMinute(int perMinute) {
    return new SimulatorBehaviour(latency, faults, perMinute, keys);
  }

  /** This behaviour with {@code behaviour} for calls made with {@code apiKey}, replacing any it had. */
  public SimulatorBehaviour withKey(String apiKey, SimulatorBehaviour behaviour) {
    Map<String, SimulatorBehaviour> copy = new HashMap<>(keys);
    copy.put(Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(behaviour, "behaviour"));
    return new SimulatorBehaviour(latency, faults, requestsPerMinute, copy);
  }

  /** The behaviour for calls with {@code apiKey} (null for none): its own when it has one, else this. */
  public SimulatorBehaviour forKey(String apiKey) {
    return apiKey == null ? this : keys.getOrDefault(apiKey, this);
  }

  /** The plan for {@code path}; {@link FaultPlan#none()} when it has none. */
  public FaultPlan faultPlan(String path) {
    return faults.getOrDefault(path, FaultPlan.none());
  }

  /** Keys appear as their {@link KeyLabel}, never as themselves. */
  @Override
  public String toString() {
    Map<String, SimulatorBehaviour> labelled = new HashMap<>();
    keys.forEach((key, behaviour) -> labelled.put(KeyLabel.of(key), behaviour));
    return "SimulatorBehaviour[latency=" + latency + ", faults=" + faults + ", requestsPerMinute=" + requestsPerMinute
        + ", keys=" + new TreeSet<>(labelled.keySet()) + "]";
  }
}
