package dev.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this whole process (broker, router, workers, simulator and load generator), and
 * the part its JIT compiler threads used: one JVM holding all of that compiles for minutes.
 */
final class CpuClock {
  /** Linux reports thread CPU in clock ticks; 100 per second on every common kernel configuration. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long startNanos = os.getProcessCpuTime();
  private final long startJitTicks = jitTicks();

  static CpuClock start() {
    return new CpuClock();
  }

  double secondsSinceStart() {
    return (os.getProcessCpuTime() - startNanos) / 1e9;
  }

  /** CPU seconds of the C1/C2 compiler threads since start; NaN where /proc is not available. */
  double jitSecondsSinceStart() {
    long now = jitTicks();
    return now < 0 || startJitTicks < 0 ? Double.NaN : (now - startJitTicks) / TICKS_PER_SECOND;
  }

  /** Sum of user+system ticks of the threads named "C1/C2 CompilerThread*", from /proc/self/task. */
  private static long jitTicks() {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.mapToLong(CpuClock::compilerThreadTicks).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private static long compilerThreadTicks(Path task) {
    try {
      String name = Files.readString(task.resolve("comm"));
      if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
        return 0;
      }
      String stat = Files.readString(task.resolve("stat"));
      // Fields after the parenthesised name: state is 3rd, utime 14th, stime 15th.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return 0; // the thread ended meanwhile
    }
  }
}
