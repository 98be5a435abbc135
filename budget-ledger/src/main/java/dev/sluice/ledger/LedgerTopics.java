package dev.sluice.ledger;

import dev.sluice.schemas.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics the ledger reads and writes, checked before it starts. Without the check a missing
 * source shows only as stream threads failing over and over, and a missing output topic as each
 * commit blocking for a minute and failing.
 */
final class LedgerTopics {
  static final List<String> REQUIRED =
      List.of(TopicNames.COST_LEDGER, TopicNames.BUDGET_STATE, TopicNames.BUDGET_ALERTS, TopicNames.DEAD_LETTER);

  private LedgerTopics() {}

  /**
   * The {@link #REQUIRED} topics that do not exist.
   *
   * @return empty if the broker did not answer within {@code timeout}: the caller starts unchecked
   */
  static Optional<List<String>> missing(String bootstrapServers, Duration timeout) throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      Map<String, KafkaFuture<TopicDescription>> described = admin
          .describeTopics(REQUIRED, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
          .topicNameValues();
      List<String> missing = new ArrayList<>();
      for (String topic : REQUIRED) {
        try {
          described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            return Optional.empty();
          }
          missing.add(topic);
        } catch (TimeoutException e) {
          return Optional.empty();
        }
      }
      return Optional.of(missing);
    }
  }
}
