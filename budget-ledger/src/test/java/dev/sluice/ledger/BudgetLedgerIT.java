package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.embedded.TopicAdmin;
import dev.sluice.ledger.BrokerIO.KeyedBytes;
import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget ledger as the gateway runs it, with its webhooks, on a real single-node broker. */
class BudgetLedgerIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final String SECRET = "whsec-it-1";
  private static final byte[] GARBAGE = {0x13, 0x37, (byte) 0xbe, (byte) 0xef, 0x00, 0x42};
  private static EmbeddedKafkaBroker broker;
  private static BrokerIO io;

  @TempDir
  Path stateDir;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.ephemeral().build().start();
    TopicAdmin.create(broker.bootstrapServers(), List.of(TopicNames.COST_LEDGER, TopicNames.BUDGET_STATE,
        TopicNames.BUDGET_ALERTS, TopicNames.DEAD_LETTER), 1, (short) 1, TopicNames::isCompacted);
    io = new BrokerIO(broker);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void chargesEachEntryOnceAlertsEachThresholdOnceAndPostsTheAlerts() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      GatewayConfig config = GatewayConfigLoader.parse(LedgerFixtures.BUDGETS_YAML.replace(
          "- {id: acme-daily, scope: {org: acme}, period: day, limit: 10}",
          "- {id: acme-daily, scope: {org: acme}, period: day, limit: 10, webhook: {url: \""
              + receiver.url("/acme") + "\", secret_env: ACME_HOOK_SECRET}}"), "it.yaml");
      BudgetLedgerSettings settings = BudgetLedgerSettings.defaults(broker.bootstrapServers(), stateDir)
          .withReplicationFactor(1).withCommitIntervalMs(50)
          .withWebhooks(new WebhookSettings(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)));
      // Entries of one instant, so they share a period whatever the time of day the test runs.
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      String stateKey = BudgetStateKey.of("acme-daily", BudgetPeriod.of(config.budgets().getFirst(), now).start());
      receiver.respond("/acme", 500);

      try (BudgetLedgerService ledger = new BudgetLedgerService(settings, config, new Topics(SERDES),
          Clock.systemUTC(), Map.of("ACME_HOOK_SECRET", SECRET)::get)) {
        ledger.start();
        assertThat(ledger.awaitRunning(Duration.ofSeconds(60))).isTrue();

        io.produce(TopicNames.COST_LEDGER, now, List.of(entry("req-1:1", 4_000_000, now),
            entry("req-2:1", 1_000_000, now), entry("req-2:1", 1_000_000, now), new KeyedBytes("acme", GARBAGE),
            entry("req-3:1", 3_000_000, now), entry("req-4:1", 2_000_000, now)));

        await().atMost(Duration.ofSeconds(60)).until(() -> latestSpent(stateKey), spent -> spent == 10_000_000L);
        List<ConsumerRecord<String, BudgetAlert>> alerts = io.readAll(TopicNames.BUDGET_ALERTS,
            new StringDeserializer(), SERDES.budgetAlerts().deserializer());
        assertThat(alerts).extracting(ConsumerRecord::key).containsOnly("acme-daily");
        assertThat(alerts).extracting(a -> a.value().getAlertId())
            .containsExactly(stateKey + ":0.5", stateKey + ":0.8", stateKey + ":1");
        assertThat(alerts).extracting(a -> a.value().getSpentMicros())
            .containsExactly(5_000_000L, 8_000_000L, 10_000_000L);

        Optional<BudgetState> queried = ledger.budgetState(stateKey);
        assertThat(queried).hasValueSatisfying(state -> {
          assertThat(state.getSpentMicros()).isEqualTo(10_000_000L);
          assertThat(state.getEntries()).isEqualTo(4);
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> !io.readAll(TopicNames.DEAD_LETTER, bytes()).isEmpty());
        List<ConsumerRecord<byte[], byte[]>> dead = io.readAll(TopicNames.DEAD_LETTER, bytes());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(GARBAGE);
        assertThat(header(dead.get(0), SluiceHeaders.DLQ_REASON)).startsWith(
            "cannot decode a record of llm.cost-ledger: org.apache.kafka.common.errors.SerializationException: "
                + "not an Avro CostLedgerEntry on topic llm.cost-ledger: first bytes 1337beef0042");
        assertThat(header(dead.get(0), SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("3");

        // The first POST is answered 500, so the first alert arrives twice: the second one counts.
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/acme").size() == 4);
        List<WebhookReceiver.Received> posts = receiver.received("/acme");
        assertThat(posts).extracting(WebhookReceiver.Received::alertId)
            .containsExactly(stateKey + ":0.5", stateKey + ":0.5", stateKey + ":0.8", stateKey + ":1");
        for (WebhookReceiver.Received post : posts) {
          assertThat(post.signature()).isEqualTo("sha256=" + AlertWebhooksTest.hmacSha256Hex(SECRET, post.body()));
        }
        assertThat(new String(posts.get(3).body(), StandardCharsets.UTF_8))
            .contains("\"spent_micros\":10000000").contains("\"threshold\":1.0");
      }
    }
  }

  private static long latestSpent(String stateKey) {
    return io.readAll(TopicNames.BUDGET_STATE, new StringDeserializer(), SERDES.budgetStates().deserializer())
        .stream().filter(r -> r.key().equals(stateKey)).reduce((first, second) -> second)
        .map(r -> r.value().getSpentMicros()).orElse(0L);
  }

  private static KeyedBytes entry(String entryId, long costMicros, Instant at) {
    CostLedgerEntry entry = LedgerFixtures.acme(entryId, costMicros).setTime(at).build();
    return new KeyedBytes(entry.getOrg(), SERDES.ledgerEntries().serialize(TopicNames.COST_LEDGER, entry));
  }

  private static ByteArrayDeserializer bytes() {
    return new ByteArrayDeserializer();
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
