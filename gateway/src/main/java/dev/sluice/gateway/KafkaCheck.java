package dev.sluice.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Fails fast with advice when no Kafka answers, instead of services retrying silently forever. */
final class KafkaCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private KafkaCheck() {}

  static void requireReachable(String bootstrapServers) {
    Map<String, Object> props = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // Only this check uses the client: give up with the check, not after the 60 s / 30 s defaults
        // (the API timeout may not be below the request timeout, so both move).
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new UserException("no Kafka answered at " + bootstrapServers + " within " + TIMEOUT.toSeconds()
          + " s (start one with `./sluice up`, or pass --bootstrap)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while connecting to Kafka at " + bootstrapServers, e);
    }
  }
}
