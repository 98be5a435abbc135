package dev.sluice.router;

import dev.sluice.schemas.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics the router and its question embedder read, checked before they start. Kafka Streams checks neither rule for a
 * Processor API topology: with fewer partitions on llm.outcomes than on llm.requests.by-org,
 * outcomes would reach tasks that do not hold their dedupe entries and reservations, duplicates
 * would wait forever and reservations never be settled; with more, some outcomes would reach no
 * entry at all. llm.cache-invalidations is keyed by org and must be partitioned alike. A missing source topic would only show
 * as a stream thread failing over and over, or a global store that cannot start.
 */
final class SourceTopics {
  static final List<String> REQUIRED = List.of(TopicNames.REQUESTS, TopicNames.REQUESTS_BY_ORG,
      TopicNames.REQUESTS_TO_EMBED, TopicNames.OUTCOMES, TopicNames.PROVIDER_HEALTH, TopicNames.BUDGET_STATE,
      TopicNames.CACHE_INVALIDATIONS);

  private SourceTopics() {}

  /**
   * Why the router cannot run on topics with these partition counts, or empty if it can.
   *
   * @param partitions partitions by topic name; a topic that does not exist is absent
   */
  static Optional<String> problem(Map<String, Integer> partitions) {
    List<String> missing = REQUIRED.stream().filter(topic -> !partitions.containsKey(topic)).toList();
    if (!missing.isEmpty()) {
      return Optional.of("the router reads " + REQUIRED + ", but " + missing
          + " do not exist; create them before starting it");
    }
    int byOrg = partitions.get(TopicNames.REQUESTS_BY_ORG);
    int outcomes = partitions.get(TopicNames.OUTCOMES);
    if (outcomes != byOrg) {
      return Optional.of(TopicNames.OUTCOMES + " has " + outcomes + " partitions, but must have as many as "
          + TopicNames.REQUESTS_BY_ORG + ", which has " + byOrg + ": each outcome goes back to the partition of its "
          + "request, whose task holds its dedupe entry and budget reservation");
    }
    int invalidations = partitions.get(TopicNames.CACHE_INVALIDATIONS);
    if (invalidations != byOrg) {
      return Optional.of(TopicNames.CACHE_INVALIDATIONS + " has " + invalidations + " partitions, but must have as many "
          + "as " + TopicNames.REQUESTS_BY_ORG + ", which has " + byOrg + ": an invalidation keyed by org must reach "
          + "the task that holds the org's cache entries");
    }
    return Optional.empty();
  }

  /**
   * The partition counts of the {@link #REQUIRED} topics that exist.
   *
   * @return empty if the broker did not answer within {@code timeout}
   */
  static Optional<Map<String, Integer>> describe(Admin admin, Duration timeout) throws InterruptedException {
    Map<String, KafkaFuture<TopicDescription>> described = admin
        .describeTopics(REQUIRED, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
        .topicNameValues();
    Map<String, Integer> partitions = new HashMap<>();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
      try {
        partitions.put(topic.getKey(), topic.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .partitions().size());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          return Optional.empty();
        }
      } catch (TimeoutException e) {
        return Optional.empty();
      }
    }
    return Optional.of(partitions);
  }
}
