package dev.sluice.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics idempotently and waits until the cluster serves them. Works against any Kafka
 * cluster, not only the embedded one ({@code sluice topics} uses it too).
 */
public final class TopicAdmin {
  /** Replication factor meaning "the broker's {@code default.replication.factor}". */
  public static final short BROKER_DEFAULT_REPLICATION = -1;

  /** How long a topic may take to appear in the broker's metadata after the controller created it. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final long READY_POLL_MS = 50;

  private TopicAdmin() {}

  /**
   * Creates the topics that do not exist yet and returns once every partition of every topic has
   * a leader.
   *
   * @param replicationFactor replicas per partition, or {@link #BROKER_DEFAULT_REPLICATION}
   * @param compacted which topics get {@code cleanup.policy=compact}; an existing topic keeps its settings
   */
  public static void create(String bootstrapServers, Collection<String> topics, int partitions, short replicationFactor,
      Predicate<String> compacted) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be > 0, but was " + partitions);
    }
    if (replicationFactor <= 0 && replicationFactor != BROKER_DEFAULT_REPLICATION) {
      throw new IllegalArgumentException("replicationFactor must be > 0 or -1 (broker default), but was " + replicationFactor);
    }
    if (topics.isEmpty()) {
      return;
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      Optional<Short> replicas = replicationFactor == BROKER_DEFAULT_REPLICATION ? Optional.empty() : Optional.of(replicationFactor);
      List<NewTopic> newTopics = topics.stream()
          .map(t -> new NewTopic(t, Optional.of(partitions), replicas)
              .configs(compacted.test(t) ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of()))
          .toList();
      for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(newTopics).values().entrySet()) {
        try {
          created.getValue().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + created.getKey() + ": " + e.getCause(), e.getCause());
          }
        }
      }
      awaitLeaders(admin, topics);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + topics, e);
    }
  }

  /** The controller has committed the topics; the broker's metadata cache may lag a few milliseconds behind. */
  private static void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        boolean ready = described.values().stream()
            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        if (ready) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe topics " + topics + ": " + e.getCause(), e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have no leader after " + READY_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(READY_POLL_MS);
    }
  }
}
