package dev.sluice.workers.simulator;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jobs one simulated batch API holds, and the {@link BatchBehaviour} that new jobs take
 * (a job keeps the behaviour it was created with).
 */
final class SimulatedBatches {
  private final Map<String, SimulatedBatch> byId = new ConcurrentHashMap<>();
  private final AtomicReference<BatchBehaviour> behaviour;
  private final Clock clock;

  SimulatedBatches(AtomicReference<BatchBehaviour> behaviour, Clock clock) {
    this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Clock clock() {
    return clock;
  }

  /** Creates a job of {@code items} lines under a fresh id with the given prefix. */
  SimulatedBatch create(String idPrefix, int items) {
    SimulatedBatch batch = new SimulatedBatch(SimulatedApi.randomId(idPrefix), clock.instant(), items, behaviour.get());
    byId.put(batch.id(), batch);
    return batch;
  }

  Optional<SimulatedBatch> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
