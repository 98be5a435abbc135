package dev.sluice.workers.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The simulator's run-time state: the installed behaviour, call counts, and the closing signal. */
final class SimulatorControl {

  private final AtomicReference<ActiveBehaviour> active;
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Duration maxHang;

  SimulatorControl(SimulatorBehaviour initial, Duration maxHang) {
    this.active = new AtomicReference<>(new ActiveBehaviour(initial));
    this.maxHang = maxHang;
  }

  SimulatorBehaviour behaviour() {
    return active.get().behaviour();
  }

  /** Installs {@code behaviour}; its fault sequences start again from their first entry. */
  void install(SimulatorBehaviour behaviour) {
    active.set(new ActiveBehaviour(behaviour));
  }

  /** The behaviour to apply to one call, read once so that a swap mid-call cannot mix two. */
  ActiveBehaviour current() {
    return active.get();
  }

  void recordCall(String path) {
    calls.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
  }

  long calls(String path) {
    AtomicLong count = calls.get(path);
    return count == null ? 0 : count.get();
  }

  void resetCalls() {
    calls.values().forEach(count -> count.set(0));
  }

  /** Blocks a hanging call until the simulator closes or the hang limit passes. */
  void awaitClosing() throws InterruptedException {
    closing.await(maxHang.toMillis(), TimeUnit.MILLISECONDS);
  }

  void markClosing() {
    closing.countDown();
  }

  /** An installed behaviour with the position each path has reached in its fault sequence. */
  static final class ActiveBehaviour {
    private final SimulatorBehaviour behaviour;
    private final Map<String, AtomicLong> sequencePositions = new ConcurrentHashMap<>();

    ActiveBehaviour(SimulatorBehaviour behaviour) {
      this.behaviour = behaviour;
    }

    SimulatorBehaviour behaviour() {
      return behaviour;
    }

    long latencyMillis() {
      return behaviour.latency().sampleMillis(bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    Fault nextFault(String path) {
      FaultPlan plan = behaviour.faultPlan(path);
      if (plan.equals(FaultPlan.none())) {
        return Fault.none();
      }
      long index = sequencePositions.computeIfAbsent(path, p -> new AtomicLong()).getAndIncrement();
      return plan.faultFor(index, () -> ThreadLocalRandom.current().nextDouble());
    }
  }
}
