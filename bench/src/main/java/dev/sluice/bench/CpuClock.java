package dev.sluice.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this whole process (broker, router, workers, simulator and load generator). */
final class CpuClock {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long startNanos = os.getProcessCpuTime();

  static CpuClock start() {
    return new CpuClock();
  }

  double secondsSinceStart() {
    return (os.getProcessCpuTime() - startNanos) / 1e9;
  }
}
