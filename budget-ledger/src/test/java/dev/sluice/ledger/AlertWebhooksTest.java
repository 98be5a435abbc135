package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetScope;
import dev.sluice.schemas.config.BudgetWebhookConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alerts posted to webhooks: signed, retried with backoff, given up, committed after each. */
class AlertWebhooksTest {
  private static final String SECRET = "whsec-test-1";
  private static final TopicPartition PARTITION = new TopicPartition(TopicNames.BUDGET_ALERTS, 0);
  private static final WebhookSettings TINY = new WebhookSettings(3, Duration.ofMillis(5), Duration.ofMillis(20),
      Duration.ofSeconds(5));

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final MockConsumer<String, BudgetAlert> consumer = new MockConsumer<>("earliest");
  private final OkHttpClient http = WebhookPoster.newHttpClient(TINY);

  @AfterEach
  void stop() {
    receiver.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void theBodyIsTheAlertAsJsonSignedWithTheBudgetsSecret() throws Exception {
    try (AlertWebhooks webhooks = subscribed(TINY)) {
      consumer.addRecord(record(0, alert("acme-daily", "0.8", 8_000_000)));
      webhooks.pollOnce(Duration.ZERO);
      assertThat(committed()).isEqualTo(1);
    }

    assertThat(receiver.received()).hasSize(1);
    WebhookReceiver.Received post = receiver.received().get(0);
    assertThat(post.path()).isEqualTo("/acme");
    assertThat(post.contentType()).isEqualTo("application/json");
    assertThat(post.alertId()).isEqualTo("acme-daily@2026-11-21T00:00:00Z:0.8");
    assertThat(post.signature()).isEqualTo("sha256=" + hmacSha256Hex(SECRET, post.body()));
    JsonNode json = new ObjectMapper().readTree(post.body());
    assertThat(json.get("alert_id").asText()).isEqualTo("acme-daily@2026-11-21T00:00:00Z:0.8");
    assertThat(json.get("budget_id").asText()).isEqualTo("acme-daily");
    assertThat(json.get("scope").asText()).isEqualTo("org:acme");
    assertThat(json.get("period").asText()).isEqualTo("day");
    assertThat(json.get("period_start").asText()).isEqualTo("2026-11-21T00:00:00Z");
    assertThat(json.get("period_end").asText()).isEqualTo("2026-11-22T00:00:00Z");
    assertThat(json.get("threshold").decimalValue()).isEqualByComparingTo("0.8");
    assertThat(json.get("limit_micros").isIntegralNumber()).isTrue();
    assertThat(json.get("limit_micros").asLong()).isEqualTo(10_000_000L);
    assertThat(json.get("spent_micros").asLong()).isEqualTo(8_000_000L);
    assertThat(json.get("entry_id").asText()).isEqualTo("req-1:1");
    assertThat(json.get("time").asText()).isEqualTo("2026-11-21T12:00:00Z");
  }

  @Test
  void aFailingWebhookIsTriedAgainAndTheOffsetCommittedOnlyAfterDelivery() {
    receiver.respond("/acme", 500, 500);
    receiver.snapshotOnEachRequest(this::committed);
    try (AlertWebhooks webhooks = subscribed(TINY)) {
      consumer.addRecord(record(0, alert("acme-daily", "0.5", 5_000_000)));
      webhooks.pollOnce(Duration.ZERO);

      assertThat(receiver.received("/acme")).hasSize(3);
      assertThat(receiver.received("/acme")).extracting(WebhookReceiver.Received::snapshot)
          .as("committed offset when each attempt arrived").containsExactly(null, null, null);
      assertThat(committed()).isEqualTo(1);
    }
  }

  @Test
  void aWebhookThatAlwaysFailsIsGivenUpAfterMaxAttemptsAndTheNextAlertIsDelivered() {
    receiver.respond("/broken", 500, 503, 502, 500);
    try (AlertWebhooks webhooks = subscribed(TINY)) {
      consumer.addRecord(record(0, alert("broken-daily", "0.5", 1_000_000)));
      consumer.addRecord(record(1, alert("acme-daily", "0.5", 5_000_000)));
      webhooks.pollOnce(Duration.ZERO);

      assertThat(receiver.received("/broken")).hasSize(3);
      assertThat(receiver.received("/acme")).extracting(WebhookReceiver.Received::alertId)
          .containsExactly("acme-daily@2026-11-21T00:00:00Z:0.5");
      assertThat(committed()).isEqualTo(2);
    }
  }

  @Test
  void alertsOfBudgetsWithoutAWebhookAreSkippedAndCommitted() {
    try (AlertWebhooks webhooks = subscribed(TINY)) {
      consumer.addRecord(record(0, alert("quiet-daily", "0.5", 5_000_000)));
      webhooks.pollOnce(Duration.ZERO);

      assertThat(receiver.received()).isEmpty();
      assertThat(committed()).isEqualTo(1);
    }
  }

  @Test
  void aRetriablePollErrorIsPolledPastAndAFatalOneStopsTheLoop() {
    try (AlertWebhooks webhooks = subscribed(TINY)) {
      consumer.setPollException(new TimeoutException("broker slow"));
      webhooks.pollOnce(Duration.ZERO);
      consumer.addRecord(record(0, alert("acme-daily", "0.5", 5_000_000)));
      webhooks.pollOnce(Duration.ZERO);
      assertThat(receiver.received("/acme")).hasSize(1);

      consumer.setPollException(new GroupAuthorizationException("not allowed", AlertWebhooks.GROUP_ID));
      assertThatThrownBy(() -> webhooks.pollOnce(Duration.ZERO)).isInstanceOf(GroupAuthorizationException.class);
    }
  }

  @Test
  void closeEndsABackoffAtOnceAndLeavesTheAlertUncommitted() {
    receiver.respond("/broken", 500);
    WebhookSettings slow = new WebhookSettings(5, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(5));
    List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
    MockConsumer<String, BudgetAlert> recording = new MockConsumer<>("earliest") {
      @Override
      public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commits.add(offsets);
        super.commitSync(offsets);
      }
    };
    AlertWebhooks webhooks = new AlertWebhooks(recording, TopicNames.BUDGET_ALERTS, targets(), http, slow);
    recording.updateBeginningOffsets(Map.of(PARTITION, 0L));
    recording.schedulePollTask(() -> {
      recording.rebalance(List.of(PARTITION));
      recording.addRecord(record(0, alert("broken-daily", "0.5", 1_000_000)));
    });
    webhooks.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/broken").size() == 1);

    long closing = System.nanoTime();
    webhooks.close();

    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
    assertThat(webhooks.isRunning()).isFalse();
    assertThat(recording.closed()).isTrue();
    assertThat(commits).as("stopped mid-delivery: posted again on the next start").isEmpty();
    assertThat(receiver.received("/broken")).hasSize(1);
  }

  private AlertWebhooks subscribed(WebhookSettings settings) {
    AlertWebhooks webhooks = new AlertWebhooks(consumer, TopicNames.BUDGET_ALERTS, targets(), http, settings);
    webhooks.subscribe();
    consumer.rebalance(List.of(PARTITION));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    return webhooks;
  }

  private Map<String, WebhookTarget> targets() {
    List<BudgetConfig> budgets = List.of(
        budget("acme-daily", new BudgetWebhookConfig(receiver.url("/acme"), "ACME_HOOK_SECRET")),
        budget("broken-daily", new BudgetWebhookConfig(receiver.url("/broken"), "ACME_HOOK_SECRET")),
        budget("quiet-daily", null));
    return WebhookTarget.resolve(budgets, Map.of("ACME_HOOK_SECRET", SECRET)::get);
  }

  private static BudgetConfig budget(String id, BudgetWebhookConfig webhook) {
    return new BudgetConfig(id, new BudgetScope("acme", null, null, null, null), "day", null, BigDecimal.TEN, null,
        webhook);
  }

  /** The committed offset of the partition, or null if none. */
  private Long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
    return offset == null ? null : offset.offset();
  }

  private static ConsumerRecord<String, BudgetAlert> record(long offset, BudgetAlert alert) {
    return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, alert.getBudgetId(), alert);
  }

  static BudgetAlert alert(String budgetId, String threshold, long spentMicros) {
    String stateKey = budgetId + "@2026-11-21T00:00:00Z";
    return BudgetAlert.newBuilder()
        .setAlertId(stateKey + ":" + threshold)
        .setBudgetId(budgetId)
        .setScope("org:acme")
        .setPeriod("day")
        .setPeriodStart(Instant.parse("2026-11-21T00:00:00Z"))
        .setPeriodEnd(Instant.parse("2026-11-22T00:00:00Z"))
        .setThreshold(Double.parseDouble(threshold))
        .setLimitMicros(10_000_000L)
        .setSpentMicros(spentMicros)
        .setEntryId("req-1:1")
        .setTime(Instant.parse("2026-11-21T12:00:00Z"))
        .build();
  }

  static String hmacSha256Hex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
