package dev.sluice.workers.simulator;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Which calls to one path fail, and how: the first calls after the plan is installed take the
 * {@code sequence} in order ({@link Fault#none()} entries answer normally); every later call gets
 * {@code randomFault} with {@code probability}, and a normal answer otherwise.
 */
public record FaultPlan(List<Fault> sequence, Fault randomFault, double probability) {

  private static final FaultPlan NONE = new FaultPlan(List.of(), Fault.none(), 0.0);

  public FaultPlan {
    sequence = List.copyOf(Objects.requireNonNull(sequence, "sequence"));
    Objects.requireNonNull(randomFault, "randomFault");
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability must be in 0..1, but was " + probability);
    }
  }

  /** Every call answers normally. */
  public static FaultPlan none() {
    return NONE;
  }

  /** The first calls get these faults in order, later calls answer normally. */
  public static FaultPlan sequence(Fault... faults) {
    return new FaultPlan(List.of(faults), Fault.none(), 0.0);
  }

  /** Every call gets {@code fault}. */
  public static FaultPlan always(Fault fault) {
    return new FaultPlan(List.of(), fault, 1.0);
  }

  /** Each call independently gets {@code fault} with {@code probability}. */
  public static FaultPlan random(Fault fault, double probability) {
    return new FaultPlan(List.of(), fault, probability);
  }

  /** This plan's sequence, followed by {@code fault} with {@code probability}. */
  public FaultPlan thenRandom(Fault fault, double probability) {
    return new FaultPlan(sequence, fault, probability);
  }

  /**
   * The fault for the call with this index since the plan was installed.
   *
   * @param uniform a source of uniform numbers in [0, 1), consulted only after the sequence
   */
  public Fault faultFor(long callIndex, DoubleSupplier uniform) {
    if (callIndex < sequence.size()) {
      return sequence.get((int) callIndex);
    }
    if (randomFault.isNone() || probability == 0.0) {
      return Fault.none();
    }
    return uniform.getAsDouble() < probability ? randomFault : Fault.none();
  }
}
