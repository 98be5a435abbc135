package dev.sluice.gateway;

import dev.sluice.schemas.money.MicroDollars;
import static dev.sluice.gateway.costs.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.embedded.TopicAdmin;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice costs} against a running broker: no ledger topic, an empty one, then a ledger over
 * 3 orgs, 2 models and 3 days with a repeated entry and an aborted transaction, read to its end.
 */
class CostsCommandIT {
  private static final List<String> ORGS = List.of("acme", "globex", "initech");
  private static final List<String> MODELS = List.of("gpt-4o", "claude-sonnet-4");
  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-03-04T00:00:00Z");

  @Test
  void reportsTheDistinctCommittedEntriesOfThePeriodAndFilter(@TempDir Path dir) throws Exception {
    List<CostLedgerEntry> ledger = ledger();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start()) {
      String bootstrap = broker.bootstrapServers();
      TestCli missing = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(missing.run("costs", "--bootstrap", bootstrap)).isEqualTo(SluiceCommand.USER_ERROR);
      assertThat(missing.err()).startsWith("sluice: topic llm.cost-ledger does not exist");

      TopicAdmin.create(bootstrap, List.of(TopicNames.COST_LEDGER), 3, (short) 1, TopicNames::isCompacted);
      TestCli empty = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(empty.run("costs", "--bootstrap", bootstrap, "--from", "2026-03-01", "--to", "2026-03-04")).isZero();
      assertThat(empty.out()).isEqualTo("No ledger entries from 2026-03-01 to 2026-03-04 (exclusive), UTC.\n");

      produce(bootstrap, ledger, entry("aborted:1", "2026-03-02T12:00:00Z", "acme", "gpt-4o", 9_999_999).build());

      TestCli csv = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(csv.run("costs", "--bootstrap", bootstrap, "--group-by", "org,model", "--from", "2026-03-01",
          "--to", "2026-03-04", "--org", "acme", "--format", "csv")).as(csv.err()).isZero();

      List<Map<String, String>> rows = parse(csv.out());
      List<CostLedgerEntry> acme = distinct(ledger).stream()
          .filter(e -> e.getOrg().equals("acme") && !e.getTime().isBefore(FROM) && e.getTime().isBefore(TO)).toList();
      assertThat(rows).extracting(row -> row.get("org")).containsOnly("acme");
      assertThat(rows.stream().mapToLong(row -> Long.parseLong(row.get("cost_micros"))).sum())
          .isEqualTo(acme.stream().mapToLong(CostLedgerEntry::getCostMicros).sum());
      assertThat(rows.stream().mapToLong(row -> Long.parseLong(row.get("entries"))).sum()).isEqualTo(acme.size());
      assertThat(rows.stream().collect(Collectors.toMap(row -> row.get("model"), row -> Long.parseLong(row.get("cost_micros")))))
          .isEqualTo(acme.stream().collect(Collectors.groupingBy(CostLedgerEntry::getModel,
              Collectors.summingLong(CostLedgerEntry::getCostMicros))));

      TestCli table = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(table.run("costs", "--bootstrap", bootstrap, "--from", "2026-03-01", "--to", "2026-03-04"))
          .as(table.err()).isZero();
      long allOrgs = distinct(ledger).stream().filter(e -> !e.getTime().isBefore(FROM) && e.getTime().isBefore(TO))
          .mapToLong(CostLedgerEntry::getCostMicros).sum();
      assertThat(table.out().lines().filter(line -> line.startsWith("total")).findFirst().orElseThrow())
          .contains(MicroDollars.format(allOrgs));

      Path page = dir.resolve("spend.html");
      TestCli html = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(html.run("costs", "--bootstrap", bootstrap, "--group-by", "team", "--from", "2026-03-01",
          "--to", "2026-03-04", "--format", "html", "--output", page.toString())).as(html.err()).isZero();
      assertThat(html.out()).startsWith("wrote " + page + ": ");
      assertThat(Files.readString(page)).contains("<svg", "class=\"segment\"", "<td>payments</td>");
    }
  }

  /** 200 entries over 3 orgs, 2 models and 3 days, a few just outside the period, one written twice. */
  private static List<CostLedgerEntry> ledger() {
    Random random = new Random(42);
    List<CostLedgerEntry> ledger = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Instant time = FROM.plus(Duration.ofMinutes(i * 21L));
      CostLedgerEntry.Builder entry = entry("r" + i + ":1", time.toString(), ORGS.get(i % 3), MODELS.get(i / 3 % 2),
          100 + random.nextInt(50_000));
      if (i % 4 == 0) {
        entry.setTeam("payments");
      }
      if (i % 5 == 0) {
        entry.setCustomer("c-" + i % 3);
      }
      if (i % 7 == 0) {
        entry.setWorkflow("support-bot");
      }
      ledger.add(entry.build());
    }
    ledger.add(entry("early:1", "2026-02-28T23:59:59.999Z", "acme", "gpt-4o", 70_000).build());
    ledger.add(entry("late:1", TO.toString(), "acme", "gpt-4o", 80_000).build());
    ledger.add(ledger.get(30));
    return ledger;
  }

  private static List<CostLedgerEntry> distinct(List<CostLedgerEntry> ledger) {
    Map<String, CostLedgerEntry> byId = new LinkedHashMap<>();
    ledger.forEach(e -> byId.putIfAbsent(e.getEntryId(), e));
    return List.copyOf(byId.values());
  }

  /** Commits {@code ledger} in one transaction and aborts another holding {@code aborted}. */
  private static void produce(String bootstrap, List<CostLedgerEntry> ledger, CostLedgerEntry aborted) {
    Topic<String, CostLedgerEntry> topic = new Topics(SluiceSerdes.withoutRegistry()).costLedger();
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "costs-it");
    try (KafkaProducer<String, CostLedgerEntry> producer =
        new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      ledger.forEach(e -> producer.send(new ProducerRecord<>(topic.name(), e.getOrg(), e)));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), aborted.getOrg(), aborted));
      producer.flush();
      producer.abortTransaction();
    }
  }

  /** The CSV's records as header-to-value maps; the values here hold no commas or quotes. */
  private static List<Map<String, String>> parse(String csv) {
    List<String> lines = Arrays.asList(csv.split("\r\n"));
    assertThat(lines.getFirst()).isEqualTo(
        "org,model,requests,entries,input_tokens,output_tokens,cost_micros,cost_usd,saved_micros,saved_usd");
    List<String> header = Arrays.asList(lines.getFirst().split(","));
    return lines.subList(1, lines.size()).stream().map(line -> {
      String[] fields = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), fields[i]);
      }
      return row;
    }).toList();
  }
}
