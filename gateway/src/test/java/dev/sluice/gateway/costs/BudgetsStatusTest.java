package dev.sluice.gateway.costs;

import static dev.sluice.gateway.costs.TestRecords.state;
import static dev.sluice.gateway.costs.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.BudgetScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A budget's current period from fixed records: spent, reserved, remaining, share used and reset time. */
class BudgetsStatusTest {
  private static final BudgetConfig ACME_MONTH = budget("acme-month", new BudgetScope("acme", null, null, null, null),
      "month", "UTC", "500");
  private static final BudgetConfig PLATFORM_DAY =
      budget("platform-day", new BudgetScope("acme", "platform", null, null, null), "day", "Europe/Berlin", "20");
  private static final Instant NOW = Instant.parse("2026-03-14T23:30:00Z");
  private static final BudgetPeriod MARCH =
      new BudgetPeriod(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
  private static final BudgetPeriod BERLIN_MARCH_15 =
      new BudgetPeriod(Instant.parse("2026-03-14T23:00:00Z"), Instant.parse("2026-03-15T23:00:00Z"));

  @Test
  void spentIsTheLargerOfLedgerAndRouterAndRemainingSubtractsTheReservation() {
    BudgetRecords records = records(
        Map.of(key(ACME_MONTH, MARCH), state(ACME_MONTH, MARCH, 120_000_000)),
        Map.of(key(ACME_MONTH, MARCH), usage(ACME_MONTH, MARCH, 125_000_000, 5_000_000)));

    BudgetStatus status = BudgetStatus.of(ACME_MONTH, NOW, records);

    assertThat(status.period()).isEqualTo(MARCH);
    assertThat(status.limitMicros()).isEqualTo(500_000_000);
    assertThat(status.spentMicros()).isEqualTo(125_000_000);
    assertThat(status.reservedMicros()).isEqualTo(5_000_000);
    assertThat(status.remainingMicros()).isEqualTo(370_000_000);
    assertThat(status.shareUsed()).isEqualByComparingTo("0.26");
    assertThat(status.percentUsed()).isEqualTo("26.0%");
    assertThat(status.resetsAt()).hasToString("2026-04-01T00:00Z[UTC]");
  }

  @Test
  void theLedgerFigureWinsWhenTheRouterLagsAndRemainingMayBeNegative() {
    BudgetRecords records = records(
        Map.of(key(PLATFORM_DAY, BERLIN_MARCH_15), state(PLATFORM_DAY, BERLIN_MARCH_15, 25_000_000)),
        Map.of(key(PLATFORM_DAY, BERLIN_MARCH_15), usage(PLATFORM_DAY, BERLIN_MARCH_15, 10_000_000, 2_000_000)));

    BudgetStatus status = BudgetStatus.of(PLATFORM_DAY, NOW, records);

    assertThat(status.spentMicros()).isEqualTo(25_000_000);
    assertThat(status.remainingMicros()).isEqualTo(-7_000_000);
    assertThat(status.percentUsed()).isEqualTo("135.0%");
    assertThat(status.periodLabel()).isEqualTo("day 2026-03-15");
    assertThat(status.resetsAt()).hasToString("2026-03-16T00:00+01:00[Europe/Berlin]");
  }

  @Test
  void aBudgetWithoutRecordsOrWithOnlyAnEarlierPeriodHasSpentNothing() {
    BudgetPeriod february = new BudgetPeriod(Instant.parse("2026-02-01T00:00:00Z"), MARCH.start());
    BudgetRecords records = records(Map.of(key(ACME_MONTH, february), state(ACME_MONTH, february, 400_000_000)), Map.of());

    BudgetStatus status = BudgetStatus.of(ACME_MONTH, NOW, records);

    assertThat(status.spentMicros()).isZero();
    assertThat(status.reservedMicros()).isZero();
    assertThat(status.remainingMicros()).isEqualTo(500_000_000);
    assertThat(status.percentUsed()).isEqualTo("0.0%");
  }

  @Test
  void theLatestRecordOfAKeyWinsAndATombstoneRemovesIt() {
    String march = key(ACME_MONTH, MARCH);
    String berlin = key(PLATFORM_DAY, BERLIN_MARCH_15);
    List<ConsumerRecord<String, BudgetUsage>> usages = List.of(
        new ConsumerRecord<>("llm.budget-reservations", 0, 0, march, usage(ACME_MONTH, MARCH, 1, 1)),
        new ConsumerRecord<>("llm.budget-reservations", 0, 1, berlin, usage(PLATFORM_DAY, BERLIN_MARCH_15, 2, 2)),
        new ConsumerRecord<>("llm.budget-reservations", 0, 2, march, usage(ACME_MONTH, MARCH, 3, 3)),
        new ConsumerRecord<>("llm.budget-reservations", 0, 3, berlin, null));

    BudgetRecords records = BudgetRecords.of(List.of(), usages);

    assertThat(records.usages()).containsOnlyKeys(march);
    assertThat(records.usages().get(march).getSpentMicros()).isEqualTo(3);
  }

  @Test
  void rendersTableAndCsv() {
    List<BudgetStatus> statuses = List.of(
        BudgetStatus.of(ACME_MONTH, NOW,
            records(Map.of(), Map.of(key(ACME_MONTH, MARCH), usage(ACME_MONTH, MARCH, 125_000_000, 5_000_000)))),
        BudgetStatus.of(PLATFORM_DAY, NOW, records(Map.of(key(PLATFORM_DAY, BERLIN_MARCH_15),
            state(PLATFORM_DAY, BERLIN_MARCH_15, 25_000_000)), Map.of())));

    assertThat(BudgetTable.render(statuses).lines()).containsExactly(
        "budget        scope                   period                limit        spent   reserved    remaining"
            + "    used  resets",
        "acme-month    org:acme                month 2026-03   $500.000000  $125.000000  $5.000000  $370.000000"
            + "   26.0%  2026-04-01T00:00:00Z",
        "platform-day  org:acme/team:platform  day 2026-03-15   $20.000000   $25.000000  $0.000000   -$5.000000"
            + "  125.0%  2026-03-16T00:00:00+01:00");
    assertThat(BudgetCsv.render(statuses)).isEqualTo(
        "budget,scope,period,period_start,resets_at,limit_micros,spent_micros,reserved_micros,remaining_micros,share_used\r\n"
            + "acme-month,org:acme,month,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,"
            + "500000000,125000000,5000000,370000000,0.2600\r\n"
            + "platform-day,org:acme/team:platform,day,2026-03-15T00:00:00+01:00,2026-03-16T00:00:00+01:00,"
            + "20000000,25000000,0,-5000000,1.2500\r\n");
  }

  private static BudgetRecords records(Map<String, BudgetState> states, Map<String, BudgetUsage> usages) {
    return new BudgetRecords(states, usages);
  }

  private static String key(BudgetConfig budget, BudgetPeriod period) {
    return BudgetStateKey.of(budget.id(), period.start());
  }

  private static BudgetConfig budget(String id, BudgetScope scope, String period, String zone, String limit) {
    return new BudgetConfig(id, scope, period, zone, new BigDecimal(limit), null, null);
  }
}
