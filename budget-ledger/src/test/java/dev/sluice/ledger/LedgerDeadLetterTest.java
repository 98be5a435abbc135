package dev.sluice.ledger;

import static dev.sluice.ledger.LedgerDriver.header;
import static dev.sluice.ledger.LedgerFixtures.MORNING;
import static dev.sluice.ledger.LedgerFixtures.acme;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ledger records the ledger cannot count go to llm.dead-letter with the reason, and counting goes on. */
class LedgerDeadLetterTest {
  private static final byte[] GARBAGE = {0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01};

  @TempDir
  Path stateDir;

  /** At-least-once: see {@link LedgerDriver#atLeastOnce}; BudgetLedgerIT shows it under exactly-once on a broker. */
  @Test
  void anUndecodableRecordGoesToTheDeadLetterTopicWithTheReasonAndTheNextIsCounted() {
    try (LedgerDriver ledger = LedgerDriver.atLeastOnce(LedgerFixtures.config(), stateDir)) {
      ledger.sendRaw("acme", GARBAGE, MORNING);
      ledger.send(acme("req-1:1", 1_000_000));

      List<TestRecord<byte[], byte[]>> dead = ledger.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).key()).isEqualTo("acme".getBytes(StandardCharsets.UTF_8));
      assertThat(dead.get(0).value()).isEqualTo(GARBAGE);
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_REASON)).isEqualTo("cannot decode a record of llm.cost-ledger: "
          + "org.apache.kafka.common.errors.SerializationException: not an Avro CostLedgerEntry on topic llm.cost-ledger:"
          + " first bytes 7f454c460201 (6 bytes) are neither single-object encoding (c301) nor schema-registry wire"
          + " format (00)");
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(TopicNames.COST_LEDGER);
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("0");
      assertThat(ledger.states()).extracting(s -> s.value.getSpentMicros()).containsExactly(1_000_000L);
    }
  }

  @Test
  void aRecordWithoutAValueGoesToTheDeadLetterTopic() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.sendRaw("acme", null, MORNING);

      List<TestRecord<byte[], byte[]>> dead = ledger.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_STAGE)).isEqualTo(LedgerNames.CHARGE_BUDGETS);
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_REASON)).isEqualTo("stage charge-budgets failed: "
          + "dev.sluice.ledger.UncountableEntryException: a record of org 'acme' has no value: not a ledger entry");
      assertThat(ledger.states()).isEmpty();
    }
  }

  @Test
  void anEntryOlderThanTheRememberedIdsIsRefusedRatherThanRiskCountingItTwice() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-new:1", 1_000_000));
      ledger.send(acme("req-month-ago:1", 2_000_000).setTime(MORNING.minus(Duration.ofDays(61))));
      ledger.send(acme("req-old:1", 3_000_000).setTime(MORNING.minus(Duration.ofDays(62))));

      assertThat(ledger.states()).extracting(s -> s.key)
          .containsExactly("acme-daily@2026-11-21T00:00:00Z", "acme-daily@2026-09-21T00:00:00Z");
      List<TestRecord<byte[], byte[]>> dead = ledger.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).value()).as("an Avro value is left out of dead letters").isNull();
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("2");
      assertThat(header(dead.get(0), SluiceHeaders.DLQ_REASON)).isEqualTo("stage charge-budgets failed: "
          + "dev.sluice.ledger.UncountableEntryException: ledger entry req-old:1 of 2026-09-20T09:00:00Z is more than"
          + " 62 days older than the newest ledger record (2026-11-21T09:00:00Z); its id is no longer remembered,"
          + " so it could be counted twice");
    }
  }
}
