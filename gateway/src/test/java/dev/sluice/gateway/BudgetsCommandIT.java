package dev.sluice.gateway;

import static dev.sluice.gateway.costs.TestRecords.state;
import static dev.sluice.gateway.costs.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.embedded.TopicAdmin;
import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice budgets} against a running broker: the latest ledger and router records of each current period. */
class BudgetsCommandIT {
  private static final String YAML = TestConfigs.testGatewayYaml() + """
      budgets:
        - {id: acme-month, scope: {org: acme}, period: month, limit: 500.00}
        - {id: platform-day, scope: {org: acme, team: platform}, period: day, limit: 20, zone: Europe/Berlin}
        - {id: key-day, scope: {key: test-key}, period: day, limit: 50.00}
      """;

  @Test
  void showsSpentReservedAndRemainingOfTheCurrentPeriods(@TempDir Path dir) throws Exception {
    Path configFile = Files.writeString(dir.resolve("gateway.yaml"), YAML);
    GatewayConfig config = GatewayConfigLoader.parse(YAML, "gateway.yaml");
    BudgetConfig acme = config.budgets().get(0);
    BudgetConfig platform = config.budgets().get(1);
    Instant now = Instant.now();
    BudgetPeriod acmeNow = BudgetPeriod.of(acme, now);
    BudgetPeriod acmeBefore = BudgetPeriod.of(acme, acmeNow.start().minusSeconds(1));
    BudgetPeriod platformNow = BudgetPeriod.of(platform, now);
    Topics topics = new Topics(SluiceSerdes.withoutRegistry());

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start()) {
      String bootstrap = broker.bootstrapServers();
      TopicAdmin.create(bootstrap, List.of(TopicNames.BUDGET_STATE, TopicNames.BUDGET_RESERVATIONS), 2, (short) 1,
          TopicNames::isCompacted);
      produce(bootstrap, topics.budgetState(), List.of(
          Map.entry(key(acme, acmeBefore), state(acme, acmeBefore, 480_000_000)),
          Map.entry(key(acme, acmeNow), state(acme, acmeNow, 120_000_000)),
          Map.entry(key(platform, platformNow), state(platform, platformNow, 25_000_000))));
      produce(bootstrap, topics.budgetReservations(), List.of(
          Map.entry(key(acme, acmeNow), usage(acme, acmeNow, 100_000_000, 50_000_000)),
          Map.entry(key(platform, platformNow), usage(platform, platformNow, 10_000_000, 2_000_000)),
          Map.entry(key(acme, acmeNow), usage(acme, acmeNow, 125_000_000, 5_000_000))));

      TestCli csv = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(csv.run("budgets", "--bootstrap", bootstrap, "--config", configFile.toString(), "--format", "csv"))
          .as(csv.err()).isZero();
      assertThat(csv.out().split("\r\n")).containsExactly(
          "budget,scope,period,period_start,resets_at,limit_micros,spent_micros,reserved_micros,remaining_micros,share_used",
          "acme-month,org:acme,month," + iso(acmeNow.start(), "UTC") + "," + iso(acmeNow.end(), "UTC")
              + ",500000000,125000000,5000000,370000000,0.2600",
          "platform-day,org:acme/team:platform,day," + iso(platformNow.start(), "Europe/Berlin") + ","
              + iso(platformNow.end(), "Europe/Berlin") + ",20000000,25000000,2000000,-7000000,1.3500",
          "key-day,key:test-key,day," + iso(BudgetPeriod.of(config.budgets().get(2), now).start(), "UTC") + ","
              + iso(BudgetPeriod.of(config.budgets().get(2), now).end(), "UTC") + ",50000000,0,0,50000000,0.0000");

      TestCli table = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(table.run("budgets", "--bootstrap", bootstrap, "--config", configFile.toString(), "--budget", "acme-month"))
          .as(table.err()).isZero();
      assertThat(table.out().lines().toList()).hasSize(2);
      assertThat(table.out().lines().toList().get(1)).contains("acme-month", "org:acme", "$500.000000", "$125.000000",
          "$5.000000", "$370.000000", "26.0%", iso(acmeNow.end(), "UTC"));
    }
  }

  private static String key(BudgetConfig budget, BudgetPeriod period) {
    return BudgetStateKey.of(budget.id(), period.start());
  }

  private static String iso(Instant instant, String zone) {
    return instant.atZone(ZoneId.of(zone)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static <V> void produce(String bootstrap, Topic<String, V> topic, List<Map.Entry<String, V>> records) {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      records.forEach(record -> producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())));
    }
  }
}
