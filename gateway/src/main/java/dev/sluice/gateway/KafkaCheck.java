package dev.sluice.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Fails fast with advice when no Kafka answers, instead of services retrying silently forever. */
final class KafkaCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private KafkaCheck() {}

  static void requireReachable(String bootstrapServers) {
    requireTopics(bootstrapServers, List.of());
  }

  /**
   * Like {@link #requireReachable}, and each of {@code topics} exists: for writers, whose producer
   * would otherwise wait for a missing topic until its own timeout and then say only that.
   */
  static void requireTopics(String bootstrapServers, List<String> topics) {
    Map<String, Object> props = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // Only this check uses the client: give up with the check, not after the 60 s / 30 s defaults
        // (the API timeout may not be below the request timeout, so both move).
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (String topic : topics) {
        requireTopic(admin, bootstrapServers, topic);
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new UserException("no Kafka answered at " + bootstrapServers + " within " + TIMEOUT.toSeconds()
          + " s (start one with `./sluice up`, or pass --bootstrap)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while connecting to Kafka at " + bootstrapServers, e);
    }
  }

  private static void requireTopic(Admin admin, String bootstrapServers, String topic)
      throws TimeoutException, InterruptedException {
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new UserException("topic " + topic + " does not exist on " + bootstrapServers
            + " (create it with `sluice topics`, or check --bootstrap)", e);
      }
      throw new UserException("cannot describe topic " + topic + " on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
    }
  }
}
