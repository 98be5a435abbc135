package dev.sluice.bench;

import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import java.util.Random;

/** A seeded share of OpenAI-shaped calls that fail: half with 500, half with 429 asking for no wait. */
final class FaultMix {
  private FaultMix() {}

  /**
   * @param share failing share of calls, 0..1
   * @param calls how many calls the plan covers; later calls answer normally
   */
  static FaultPlan plan(double share, int calls) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("the fault share must be in 0..1, but was " + share);
    }
    Random random = new Random(7);
    Fault[] faults = new Fault[calls];
    for (int i = 0; i < calls; i++) {
      double draw = random.nextDouble();
      faults[i] = draw < share / 2 ? Fault.status(500) : draw < share ? Fault.rateLimited(0) : Fault.none();
    }
    return FaultPlan.sequence(faults);
  }
}
