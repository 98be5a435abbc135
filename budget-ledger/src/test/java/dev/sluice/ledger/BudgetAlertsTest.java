package dev.sluice.ledger;

import static dev.sluice.ledger.LedgerFixtures.NOW;
import static dev.sluice.ledger.LedgerFixtures.acme;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.BudgetAlert;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Soft thresholds on llm.budget-alerts: acme-daily has a $10 limit and thresholds 0.5, 0.8 and 1.0. */
class BudgetAlertsTest {
  @TempDir
  Path stateDir;

  @Test
  void eachThresholdCrossedBySuccessiveEntriesAlertsOnceInOrder() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 4_000_000));
      ledger.send(acme("req-2:1", 1_000_000));
      ledger.send(acme("req-3:1", 2_500_000));
      ledger.send(acme("req-4:1", 500_000));
      ledger.send(acme("req-5:1", 1_999_999));
      ledger.send(acme("req-6:1", 1));
      ledger.send(acme("req-7:1", 3_000_000));

      List<KeyValue<String, BudgetAlert>> alerts = ledger.alerts();
      assertThat(alerts).extracting(a -> a.key).containsOnly("acme-daily");
      assertThat(alerts).extracting(a -> a.value.getAlertId()).containsExactly(
          "acme-daily@2026-11-21T00:00:00Z:0.5", "acme-daily@2026-11-21T00:00:00Z:0.8",
          "acme-daily@2026-11-21T00:00:00Z:1");
      assertThat(alerts).extracting(a -> a.value.getEntryId()).containsExactly("req-2:1", "req-4:1", "req-6:1");
      assertThat(alerts).extracting(a -> a.value.getSpentMicros()).containsExactly(5_000_000L, 8_000_000L, 10_000_000L);
      assertThat(alerts).extracting(a -> a.value.getThreshold()).containsExactly(0.5, 0.8, 1.0);
    }
  }

  @Test
  void anAlertCarriesItsBudgetPeriodAndLimit() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 5_000_000));

      assertThat(ledger.alerts()).extracting(a -> a.value).containsExactly(BudgetAlert.newBuilder()
          .setAlertId("acme-daily@2026-11-21T00:00:00Z:0.5")
          .setBudgetId("acme-daily")
          .setScope("org:acme")
          .setPeriod("day")
          .setPeriodStart(Instant.parse("2026-11-21T00:00:00Z"))
          .setPeriodEnd(Instant.parse("2026-11-22T00:00:00Z"))
          .setThreshold(0.5)
          .setLimitMicros(10_000_000L)
          .setSpentMicros(5_000_000L)
          .setEntryId("req-1:1")
          .setTime(NOW)
          .build());
    }
  }

  @Test
  void oneEntryJumpingOverTwoThresholdsAlertsForBoth() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 9_000_000));

      List<KeyValue<String, BudgetAlert>> alerts = ledger.alerts();
      assertThat(alerts).extracting(a -> a.value.getThreshold()).containsExactly(0.5, 0.8);
      assertThat(alerts).extracting(a -> a.value.getSpentMicros()).containsExactly(9_000_000L, 9_000_000L);
    }
  }

  @Test
  void theNextPeriodAlertsAgain() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 6_000_000));
      ledger.send(acme("req-2:1", 1_000_000));
      ledger.send(acme("req-3:1", 6_000_000).setTime(Instant.parse("2026-11-22T08:00:00Z")));

      assertThat(ledger.alerts()).extracting(a -> a.value.getAlertId()).containsExactly(
          "acme-daily@2026-11-21T00:00:00Z:0.5", "acme-daily@2026-11-22T00:00:00Z:0.5");
    }
  }

  @Test
  void aRepeatedEntryDoesNotAlertAgain() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 5_000_000));
      ledger.send(acme("req-1:1", 5_000_000));

      assertThat(ledger.alerts()).extracting(a -> a.value.getAlertId())
          .containsExactly("acme-daily@2026-11-21T00:00:00Z:0.5");
    }
  }
}
