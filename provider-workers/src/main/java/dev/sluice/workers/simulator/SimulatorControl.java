package dev.sluice.workers.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The simulator's run-time state: the installed behaviour, call counts, rate windows, and the closing signal. */
final class SimulatorControl {

  private final AtomicReference<ActiveBehaviour> active;
  private final CallTally tally = new CallTally();
  private final RequestWindows windows = new RequestWindows(Clock.systemUTC());
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Duration maxHang;

  SimulatorControl(SimulatorBehaviour initial, Duration maxHang) {
    this.active = new AtomicReference<>(new ActiveBehaviour(initial));
    this.maxHang = maxHang;
  }

  SimulatorBehaviour behaviour() {
    return active.get().behaviour();
  }

  /** Installs {@code behaviour}; its fault sequences and rate windows start again. */
  void install(SimulatorBehaviour behaviour) {
    active.set(new ActiveBehaviour(behaviour));
    windows.reset();
  }

  /** The behaviour to apply to one call, read once so that a swap mid-call cannot mix two. */
  ActiveBehaviour current() {
    return active.get();
  }

  CallTally tally() {
    return tally;
  }

  RequestWindows windows() {
    return windows;
  }

  /** Blocks a hanging call until the simulator closes or the hang limit passes. */
  void awaitClosing() throws InterruptedException {
    closing.await(maxHang.toMillis(), TimeUnit.MILLISECONDS);
  }

  void markClosing() {
    closing.countDown();
  }

  /**
   * An installed behaviour with the position each path has reached in its fault sequence; a key
   * with a behaviour of its own runs through its own sequences.
   */
  static final class ActiveBehaviour {
    private static final String DEFAULT_SCOPE = "*";

    private final SimulatorBehaviour behaviour;
    private final Map<String, AtomicLong> sequencePositions = new ConcurrentHashMap<>();

    ActiveBehaviour(SimulatorBehaviour behaviour) {
      this.behaviour = behaviour;
    }

    SimulatorBehaviour behaviour() {
      return behaviour;
    }

    /** The behaviour for calls with {@code apiKey} (null: none). */
    SimulatorBehaviour forKey(String apiKey) {
      return behaviour.forKey(apiKey);
    }

    long latencyMillis(String apiKey) {
      return forKey(apiKey).latency().sampleMillis(bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    Fault nextFault(String apiKey, String path) {
      FaultPlan plan = forKey(apiKey).faultPlan(path);
      if (plan.equals(FaultPlan.none())) {
        return Fault.none();
      }
      String scope = apiKey != null && behaviour.keys().containsKey(apiKey) ? KeyLabel.of(apiKey) : DEFAULT_SCOPE;
      long index = sequencePositions.computeIfAbsent(scope + " " + path, p -> new AtomicLong()).getAndIncrement();
      return plan.faultFor(index, () -> ThreadLocalRandom.current().nextDouble());
    }
  }
}
