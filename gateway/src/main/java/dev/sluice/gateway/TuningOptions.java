package dev.sluice.gateway;

import dev.sluice.workers.dispatch.WorkerSettings;

import dev.sluice.router.RouterSettings;

import picocli.CommandLine.Option;

/** {@code --router-commit-ms} and {@code --worker-batch-window-ms}, for commands that run both services. */
final class TuningOptions {
  @Option(names = "--router-commit-ms", paramLabel = "MS", defaultValue = "${env:SLUICE_ROUTER_COMMIT_INTERVAL_MS}",
      description = "How often the router commits; bounds each request's wait for it (default: $SLUICE_ROUTER_COMMIT_INTERVAL_MS, else "
          + RouterSettings.DEFAULT_COMMIT_INTERVAL_MS + ").")
  Long routerCommitMs;

  @Option(names = "--worker-batch-window-ms", paramLabel = "MS", defaultValue = "${env:SLUICE_WORKER_BATCH_WINDOW_MS}",
      description = "How long a worker gathers records per transaction (default: $SLUICE_WORKER_BATCH_WINDOW_MS, else "
          + WorkerSettings.DEFAULT_BATCH_WINDOW_MS + ").")
  Long workerBatchWindowMs;

  ExactlyOnceTuning tuning() {
    return ExactlyOnceTuning.of(routerCommitMs, workerBatchWindowMs);
  }
}
