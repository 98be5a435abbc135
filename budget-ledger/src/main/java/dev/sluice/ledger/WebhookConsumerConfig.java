package dev.sluice.ledger;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The settings of {@link AlertWebhooks}' consumer: only what differs from the defaults, each with why. */
public final class WebhookConsumerConfig {
  /** Kafka's default max.poll.interval.ms; kept unless one alert's retry budget comes near it. */
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
  private static final Duration POLL_INTERVAL_MARGIN = Duration.ofMinutes(1);

  private WebhookConsumerConfig() {}

  public static Properties properties(BudgetLedgerSettings settings) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, AlertWebhooks.GROUP_ID);
    // The ledger writes alerts in transactions: an aborted one was never raised and must not be posted.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Offsets are committed after each alert is delivered or given up: at-least-once delivery.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The group's first start posts the alerts raised before it joined, instead of skipping them.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // One alert may take its whole retry budget: one per poll keeps the next poll within the interval below.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    Duration needed = settings.webhooks().retryBudget().plus(POLL_INTERVAL_MARGIN);
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, Math.max(DEFAULT_POLL_INTERVAL.toMillis(), needed.toMillis())));
    if (settings.instanceId() != null) {
      // Static membership, as the ledger's stream threads: a restarted process takes its partitions back at once.
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, AlertWebhooks.GROUP_ID + "-" + settings.instanceId());
    }
    return props;
  }
}
