package dev.sluice.router;

import dev.sluice.streams.ExactlyOnceStreams;
import java.nio.file.Path;

/**
 * How to run the router: everything except the gateway config and the serdes.
 *
 * @param bootstrapServers Kafka brokers, {@code host:port[,host:port...]}
 * @param applicationId the Kafka Streams application id: consumer group and internal topic prefix
 * @param stateDir where Kafka Streams keeps local state
 * @param commitIntervalMs how often offsets and the transaction commit; under exactly-once this
 *     bounds the latency of each hop (about 120 ms round trip at 100, 43 ms at 10; see
 *     DEPENDENCY-NOTES), at the cost of bulk throughput
 * @param numThreads stream threads; more than the number of llm.requests partitions is idle
 * @param replicationFactor of the router's internal topics; -1 takes the broker's default
 * @param instanceId names this process's static group members (one per stream thread), so that it
 *     takes its partitions back at once when restarted after a crash; null for dynamic membership,
 *     where a crashed process's partitions wait for its session to time out
 * @param embedderThreads stream threads of the question embedder, which runs beside the router
 *     when a route uses the semantic cache (application id {@code <applicationId>-embedder}); each
 *     embeds about 300-600 questions a second on one core (README, Cache speed and memory)
 */
public record RouterSettings(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    long commitIntervalMs,
    int numThreads,
    int replicationFactor,
    String instanceId,
    int embedderThreads) {
  public static final String DEFAULT_APPLICATION_ID = "sluice-router";
  /** Bounds each request's wait for the router's transaction; chosen from bench/ at 1,000 requests/s (README, Performance). */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 10;
  /** Appended to the router's application id to make the question embedder's. */
  public static final String EMBEDDER_APPLICATION_SUFFIX = "-embedder";

  public RouterSettings {
    ExactlyOnceStreams.check(bootstrapServers, applicationId, stateDir, commitIntervalMs, numThreads,
        replicationFactor, instanceId);
    if (embedderThreads < 1) {
      throw new IllegalArgumentException("embedderThreads must be >= 1, but was " + embedderThreads);
    }
  }

  /**
   * Application id {@value #DEFAULT_APPLICATION_ID}, commits every {@value #DEFAULT_COMMIT_INTERVAL_MS} ms,
   * one thread and one embedder thread, the broker's replication.
   */
  public static RouterSettings defaults(String bootstrapServers, Path stateDir) {
    return new RouterSettings(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_COMMIT_INTERVAL_MS, 1, -1, null,
        1);
  }

  public RouterSettings withApplicationId(String id) {
    return new RouterSettings(bootstrapServers, id, stateDir, commitIntervalMs, numThreads, replicationFactor, instanceId,
        embedderThreads);
  }

  public RouterSettings withCommitIntervalMs(long ms) {
    return new RouterSettings(bootstrapServers, applicationId, stateDir, ms, numThreads, replicationFactor, instanceId,
        embedderThreads);
  }

  public RouterSettings withNumThreads(int threads) {
    return new RouterSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, threads, replicationFactor, instanceId,
        embedderThreads);
  }

  public RouterSettings withReplicationFactor(int factor) {
    return new RouterSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, numThreads, factor, instanceId,
        embedderThreads);
  }

  public RouterSettings withInstanceId(String id) {
    return new RouterSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, numThreads, replicationFactor, id,
        embedderThreads);
  }

  public RouterSettings withEmbedderThreads(int threads) {
    return new RouterSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, numThreads, replicationFactor,
        instanceId, threads);
  }
}
