package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.errors.DeadLetterDeserializationHandler;
import dev.sluice.streams.errors.DeadLetterProcessingHandler;
import dev.sluice.streams.errors.DeadLetterProductionHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class BudgetLedgerSettingsTest {
  private static final Path STATE = Path.of("/tmp/sluice-ledger-state");

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(BudgetLedgerSettings.defaults("127.0.0.1:9092", STATE)).isEqualTo(new BudgetLedgerSettings(
        "127.0.0.1:9092", "sluice-budget-ledger", STATE, 1_000, -1, 1, null, WebhookSettings.DEFAULTS));
    assertThat(WebhookSettings.DEFAULTS).isEqualTo(
        new WebhookSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10)));
  }

  @Test
  void badValuesAreRefusedNamingTheValue() {
    BudgetLedgerSettings ok = BudgetLedgerSettings.defaults("127.0.0.1:9092", STATE);

    assertThatThrownBy(() -> ok.withCommitIntervalMs(-3)).hasMessage("commitIntervalMs must be > 0, but was -3");
    assertThatThrownBy(() -> ok.withNumThreads(0)).hasMessage("numThreads must be >= 1, but was 0");
    assertThatThrownBy(() -> ok.withReplicationFactor(0))
        .hasMessage("replicationFactor must be >= 1, or -1 for the broker's default, but was 0");
    assertThatThrownBy(() -> ok.withApplicationId(" ")).hasMessage("applicationId must not be blank, but was ' '");
    assertThatThrownBy(() -> ok.withInstanceId(""))
        .hasMessage("instanceId must be null (dynamic membership) or not blank, but was ''");
    assertThatThrownBy(() -> BudgetLedgerSettings.defaults(" ", STATE))
        .hasMessage("bootstrapServers must be host:port[,host:port...], but was ' '");
    assertThatThrownBy(() -> new WebhookSettings(0, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("maxAttempts must be >= 1, but was 0");
    assertThatThrownBy(() -> new WebhookSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("maxBackoff must be >= initialBackoff (PT5S), but was PT2S");
    assertThatThrownBy(() -> new WebhookSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO))
        .hasMessage("callTimeout must be > 0, but was PT0S");
  }

  @Test
  void backoffDoublesUpToItsCapAndBoundsTheRetryBudget() {
    WebhookSettings settings = WebhookSettings.DEFAULTS;

    assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(settings.backoffAfter(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.backoffAfter(60)).isEqualTo(Duration.ofSeconds(30));
    // Five calls of at most 10 s, and waits of 1 + 2 + 4 + 8 s between them.
    assertThat(settings.retryBudget()).isEqualTo(Duration.ofSeconds(65));
  }

  @Test
  void streamsRunExactlyOnceWithTheSettingsAndTheDeadLetterHandlers() {
    BudgetLedgerSettings settings = BudgetLedgerSettings.defaults("127.0.0.1:9092", STATE)
        .withApplicationId("ledger-a").withCommitIntervalMs(50).withNumThreads(2).withReplicationFactor(3)
        .withInstanceId("node-1");

    Properties props = LedgerStreamsConfig.properties(settings);

    assertThat(props)
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-a")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, STATE.toString())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50L)
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
        .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
        .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            "sluice-budget-ledger-node-1")
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterDeserializationHandler.class)
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class)
        .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
  }

  @Test
  void theWebhookConsumerReadsCommittedAlertsOneAtATimeAndCommitsItself() {
    BudgetLedgerSettings settings = BudgetLedgerSettings.defaults("127.0.0.1:9092", STATE).withInstanceId("node-1")
        .withWebhooks(new WebhookSettings(10, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30)));

    Properties props = WebhookConsumerConfig.properties(settings);

    assertThat(props)
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "sluice-budget-webhooks")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1)
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "sluice-budget-webhooks-node-1");
    // 10 calls of 30 s, waits of 10 + 20 + 40 + 80 + 160 s and then 4 x 300 s, and a minute to spare.
    assertThat(props.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)).isEqualTo((int) Duration.ofSeconds(
        300 + 310 + 1200 + 60).toMillis());
    assertThat(WebhookConsumerConfig.properties(BudgetLedgerSettings.defaults("127.0.0.1:9092", STATE)))
        .as("the default retry budget fits Kafka's default interval")
        .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000)
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }
}
