package dev.sluice.ledger;

import static dev.sluice.ledger.LedgerFixtures.MORNING;
import static dev.sluice.ledger.LedgerFixtures.NOW;
import static dev.sluice.ledger.LedgerFixtures.acme;
import static dev.sluice.ledger.LedgerFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.BudgetState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spend per budget and period on llm.budget-state: which budgets count an entry, once, in which period. */
class BudgetSpendTest {
  @TempDir
  Path stateDir;

  @Test
  void spendIsSummedPerBudgetForOrgTeamKeyCustomerAndWorkflowScopes() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(entry("req-1:1", 1_000_000, MORNING).setCustomer("c-17").setWorkflow("nightly"));
      ledger.send(acme("req-2:1", 2_000_000).setCustomer("c-18"));
      ledger.send(entry("req-3:1", 500_000, MORNING).setWorkflow("nightly"));

      Map<String, BudgetState> latest = latest(ledger.states());
      assertThat(spentAndEntries(latest)).containsExactlyInAnyOrderEntriesOf(Map.of(
          "acme-daily@2026-11-21T00:00:00Z", List.of(3_500_000L, 3L),
          "platform-daily@2026-11-21T00:00:00Z", List.of(1_500_000L, 2L),
          "key-monthly@2026-11-01T00:00:00Z", List.of(1_500_000L, 2L),
          "c17-daily@2026-11-21T00:00:00Z", List.of(1_000_000L, 1L),
          "nightly-daily@2026-11-21T00:00:00Z", List.of(1_500_000L, 2L)));
      assertThat(ledger.spendStore().get("acme-daily@2026-11-21T00:00:00Z")).isEqualTo(
          latest.get("acme-daily@2026-11-21T00:00:00Z"));
    }
  }

  @Test
  void aStateNamesItsBudgetScopePeriodAndLimit() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(entry("req-1:1", 1_250_000, MORNING));

      BudgetState month = latest(ledger.states()).get("key-monthly@2026-11-01T00:00:00Z");
      assertThat(month).isEqualTo(BudgetState.newBuilder()
          .setBudgetId("key-monthly")
          .setScope("key:test-key")
          .setPeriod("month")
          .setPeriodStart(Instant.parse("2026-11-01T00:00:00Z"))
          .setPeriodEnd(Instant.parse("2026-12-01T00:00:00Z"))
          .setLimitMicros(500_000_000L)
          .setSpentMicros(1_250_000L)
          .setEntries(1)
          .setUpdatedAt(NOW)
          .build());
    }
  }

  @Test
  void anEntryIdSeenTwiceIsCountedOnce() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 1_000_000));
      ledger.send(acme("req-2:1", 2_000_000));
      assertThat(ledger.states()).extracting(s -> s.value.getSpentMicros()).containsExactly(3_000_000L);

      ledger.send(acme("req-1:1", 1_000_000));

      assertThat(ledger.states()).as("nothing changed, nothing sent").isEmpty();
      assertThat(ledger.spendStore().get("acme-daily@2026-11-21T00:00:00Z").getEntries()).isEqualTo(2);
    }
  }

  @Test
  void aBudgetChargedManyTimesBetweenTwoSendsIsSentOnceWithItsLatestState() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      for (int i = 1; i <= 5; i++) {
        ledger.send(acme("req-" + i + ":1", 1_000_000));
      }

      List<KeyValue<String, BudgetState>> states = ledger.states();
      assertThat(states).extracting(s -> s.key).containsExactly("acme-daily@2026-11-21T00:00:00Z");
      assertThat(states.get(0).value.getSpentMicros()).isEqualTo(5_000_000L);
      assertThat(states.get(0).value.getEntries()).isEqualTo(5);
    }
  }

  @Test
  void anEntryOfTheNextDayStartsANewPeriod() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 1_000_000).setTime(Instant.parse("2026-11-21T23:59:59.999Z")));
      ledger.send(acme("req-2:1", 2_000_000).setTime(Instant.parse("2026-11-22T00:00:00Z")));

      assertThat(spentAndEntries(latest(ledger.states()))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "acme-daily@2026-11-21T00:00:00Z", List.of(1_000_000L, 1L),
          "acme-daily@2026-11-22T00:00:00Z", List.of(2_000_000L, 1L)));
    }
  }

  @Test
  void aDailyBudgetInAnotherZoneResetsAtItsOwnMidnight() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      // 22:30 and 23:30 UTC are 23:30 on the 21st and 00:30 on the 22nd in Berlin (UTC+1 in November).
      ledger.send(entry("g-1:1", 1_000_000, Instant.parse("2026-11-21T22:30:00Z")).setOrg("globex").setKeyId("narrow-key").setTeam(null));
      ledger.send(entry("g-2:1", 2_000_000, Instant.parse("2026-11-21T23:30:00Z")).setOrg("globex").setKeyId("narrow-key").setTeam(null));

      List<KeyValue<String, BudgetState>> states = ledger.states();
      assertThat(states).extracting(s -> s.key)
          .containsExactly("globex-berlin@2026-11-20T23:00:00Z", "globex-berlin@2026-11-21T23:00:00Z");
      assertThat(states).extracting(s -> s.value.getSpentMicros()).containsExactly(1_000_000L, 2_000_000L);
      assertThat(states.get(1).value.getPeriodEnd()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }
  }

  @Test
  void anEntryNoBudgetCountsProducesNothing() {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(acme("req-1:1", 9_000_000).setOrg("initech"));

      assertThat(ledger.states()).isEmpty();
      assertThat(ledger.alerts()).isEmpty();
      assertThat(ledger.deadLetters()).isEmpty();
      assertThat(ledger.changelogs()).as("not even remembered: nothing was counted").isEmpty();
    }
  }

  private static Map<String, BudgetState> latest(List<KeyValue<String, BudgetState>> states) {
    return states.stream().collect(Collectors.toMap(s -> s.key, s -> s.value, (first, second) -> second));
  }

  private static Map<String, List<Long>> spentAndEntries(Map<String, BudgetState> states) {
    return states.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> List.of(e.getValue().getSpentMicros(), e.getValue().getEntries())));
  }
}
