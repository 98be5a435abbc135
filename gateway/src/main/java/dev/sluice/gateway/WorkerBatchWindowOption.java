package dev.sluice.gateway;

import dev.sluice.workers.dispatch.WorkerSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The workers' batch window, for every command that runs the workers (a picocli mixin). */
public final class WorkerBatchWindowOption {
  @Option(names = {"--worker-batch-window-ms", "--batch-window-ms"}, paramLabel = "MS",
      defaultValue = "${env:SLUICE_WORKER_BATCH_WINDOW_MS:-" + WorkerSettings.DEFAULT_BATCH_WINDOW_MS + "}",
      description = "How long a worker gathers records per transaction"
          + " (default: $SLUICE_WORKER_BATCH_WINDOW_MS, else " + WorkerSettings.DEFAULT_BATCH_WINDOW_MS + ").")
  long millis;

  public Duration window() {
    return Duration.ofMillis(millis);
  }
}
