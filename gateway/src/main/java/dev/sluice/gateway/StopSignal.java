package dev.sluice.gateway;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** How a long-running subcommand waits to be stopped; tests pass one that returns at once. */
@FunctionalInterface
public interface StopSignal {
  /** Blocks until the process is asked to stop, then closes {@code running}. */
  void awaitThenClose(AutoCloseable running, PrintStream err) throws Exception;

  /**
   * Waits for Ctrl-C / SIGTERM. The JVM's shutdown hook closes {@code running}, giving up after
   * {@code closeTimeout} so a stuck component cannot keep the process alive.
   */
  static StopSignal shutdownHook(Duration closeTimeout) {
    return (running, err) -> {
      CountDownLatch closed = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        err.println("stopping...");
        Thread closer = new Thread(() -> closeQuietly(running, err), "sluice-close");
        closer.start();
        try {
          closer.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        err.println(closer.isAlive() ? "not stopped after " + closeTimeout.toSeconds() + " s; exiting anyway" : "stopped");
        closed.countDown();
      }, "sluice-shutdown"));
      closed.await();
    };
  }

  private static void closeQuietly(AutoCloseable running, PrintStream err) {
    try {
      running.close();
    } catch (Exception e) {
      err.println("error while stopping: " + e);
    }
  }
}
