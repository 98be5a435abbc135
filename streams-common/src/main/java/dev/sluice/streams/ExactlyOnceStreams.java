package dev.sluice.streams;

import dev.sluice.streams.errors.DeadLetterDeserializationHandler;
import dev.sluice.streams.errors.DeadLetterProcessingHandler;
import dev.sluice.streams.errors.DeadLetterProductionHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What every Sluice Kafka Streams service sets, checked and explained once: exactly-once, the
 * commit interval, static membership, explicit names, and poison records to llm.dead-letter. Each
 * service adds what is its own.
 */
public final class ExactlyOnceStreams {
  private ExactlyOnceStreams() {}

  /**
   * Rejects values no service can run with, naming the value.
   *
   * @param instanceId null for dynamic membership, else not blank
   * @param replicationFactor at least 1, or -1 for the broker's default
   */
  public static void check(String bootstrapServers, String applicationId, Path stateDir, long commitIntervalMs,
      int numThreads, int replicationFactor, String instanceId) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must be host:port[,host:port...], but was '"
          + bootstrapServers + "'");
    }
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("applicationId must not be blank, but was '" + applicationId + "'");
    }
    if (stateDir == null) {
      throw new IllegalArgumentException("stateDir is required");
    }
    if (commitIntervalMs <= 0) {
      throw new IllegalArgumentException("commitIntervalMs must be > 0, but was " + commitIntervalMs);
    }
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be >= 1, but was " + numThreads);
    }
    if (replicationFactor < 1 && replicationFactor != -1) {
      throw new IllegalArgumentException("replicationFactor must be >= 1, or -1 for the broker's default, but was "
          + replicationFactor);
    }
    if (instanceId != null && instanceId.isBlank()) {
      throw new IllegalArgumentException("instanceId must be null (dynamic membership) or not blank, but was '"
          + instanceId + "'");
    }
  }

  /**
   * The shared settings; only what differs from Kafka's defaults, each with why.
   *
   * @param groupInstancePrefix prefixes the instance id in the static member names, e.g. {@code sluice-router-}
   */
  public static Properties properties(String bootstrapServers, String applicationId, Path stateDir,
      long commitIntervalMs, int numThreads, int replicationFactor, String instanceId, String groupInstancePrefix) {
    check(bootstrapServers, applicationId, stateDir, commitIntervalMs, numThreads, replicationFactor, instanceId);
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // A record read twice after a crash must not have its effects (replies, reservations, charges) twice.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Under exactly-once, output is visible only at commit: this bounds how long a result waits.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    // A thread commits only between polls, so an idle one held what it had just processed for a whole poll: with the
    // default 100 ms, a lone request waited about 100 ms per hop (bench: CacheHitBenchmark, 217 ms -> 33 ms at p50).
    props.put(StreamsConfig.POLL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numThreads);
    // One broker in development, three in production: the deployment decides.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    if (instanceId != null) {
      // Static membership (Streams appends each thread's index): a restarted process takes its tasks back
      // at once instead of waiting out its dead predecessor's session. Close still leaves the group.
      props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          groupInstancePrefix + instanceId);
    }
    // Stores must be named, so a refactor cannot rename a changelog and lose its state.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // An undecodable record goes to llm.dead-letter with the reason instead of stopping the service.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    // One failing record goes to llm.dead-letter instead of stalling its partition.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    // The global stores' updaters too: a record one fails on is logged and skipped instead of stopping the service.
    // Kafka 5.0 makes it the default.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Unsendable output (too large, unserializable) goes to llm.dead-letter; other send errors retry the task.
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
    return props;
  }
}
