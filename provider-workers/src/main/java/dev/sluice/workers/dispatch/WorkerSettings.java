package dev.sluice.workers.dispatch;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the workers.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param instanceId stable per worker process: it names the transactional ids, so a restarted
 *     instance fences its predecessor's unfinished transactions; health records name it as worker_id
 * @param providers the provider ids to serve; empty means every configured provider
 * @param maxPollRecords dispatch records per poll (and per transaction)
 * @param pollTimeout how long one poll waits for records
 * @param batchWindow how long records are gathered after the first one before their
 *     transaction; calls start at once, so this bounds the transaction rate, not the call start
 * @param healthInterval how often each served provider key's health is published (and at once on
 *     every circuit state change)
 */
public record WorkerSettings(String bootstrapServers, String instanceId, Set<String> providers, int maxPollRecords,
    Duration pollTimeout, Duration batchWindow, Duration healthInterval) {
  /** Chosen from bench/ at 1,000 requests/s (README, Performance). */
  public static final long DEFAULT_BATCH_WINDOW_MS = 2;
  public static final Duration DEFAULT_BATCH_WINDOW = Duration.ofMillis(DEFAULT_BATCH_WINDOW_MS);
  public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(1);

  public WorkerSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(instanceId, "instanceId");
    providers = providers == null ? Set.of() : Set.copyOf(providers);
    if (maxPollRecords <= 0) {
      throw new IllegalArgumentException("maxPollRecords must be > 0, but was " + maxPollRecords);
    }
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    if (batchWindow == null || batchWindow.isNegative()) {
      throw new IllegalArgumentException("batchWindow must be >= 0, but was " + batchWindow);
    }
    if (healthInterval == null || healthInterval.toMillis() <= 0) {
      throw new IllegalArgumentException("healthInterval must be >= 1 ms, but was " + healthInterval);
    }
  }

  public static WorkerSettings defaults(String bootstrapServers) {
    return new WorkerSettings(bootstrapServers, "0", Set.of(), 500, Duration.ofMillis(100), DEFAULT_BATCH_WINDOW,
        DEFAULT_HEALTH_INTERVAL);
  }

  public WorkerSettings withInstanceId(String id) {
    return new WorkerSettings(bootstrapServers, id, providers, maxPollRecords, pollTimeout, batchWindow, healthInterval);
  }

  public WorkerSettings withBatchWindow(Duration window) {
    return new WorkerSettings(bootstrapServers, instanceId, providers, maxPollRecords, pollTimeout, window, healthInterval);
  }

  public WorkerSettings withHealthInterval(Duration interval) {
    return new WorkerSettings(bootstrapServers, instanceId, providers, maxPollRecords, pollTimeout, batchWindow, interval);
  }
}
