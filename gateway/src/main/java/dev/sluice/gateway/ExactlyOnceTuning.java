package dev.sluice.gateway;

import dev.sluice.router.RouterSettings;
import dev.sluice.workers.dispatch.WorkerSettings;
import java.time.Duration;

/**
 * The two settings that decide exactly-once latency: how often the router commits its
 * transaction and how long a worker gathers records per transaction. Defaults measured with
 * bench/ (README, Performance).
 *
 * @param routerCommitIntervalMs the router's commit.interval.ms
 * @param workerBatchWindow how long a worker gathers dispatch records before settling them
 */
public record ExactlyOnceTuning(long routerCommitIntervalMs, Duration workerBatchWindow) {
  public static final ExactlyOnceTuning DEFAULTS =
      new ExactlyOnceTuning(RouterSettings.DEFAULT_COMMIT_INTERVAL_MS, WorkerSettings.DEFAULT_BATCH_WINDOW);

  public ExactlyOnceTuning {
    if (routerCommitIntervalMs <= 0) {
      throw new IllegalArgumentException("routerCommitIntervalMs must be > 0, but was " + routerCommitIntervalMs);
    }
    if (workerBatchWindow == null || workerBatchWindow.isNegative()) {
      throw new IllegalArgumentException("workerBatchWindow must be >= 0, but was " + workerBatchWindow);
    }
  }

  /** From the command-line options that set them. */
  public static ExactlyOnceTuning of(RouterCommitOption routerCommit, WorkerBatchWindowOption batchWindow) {
    return new ExactlyOnceTuning(routerCommit.millis(), batchWindow.window());
  }
}
