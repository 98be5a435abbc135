package dev.sluice.gateway.costs;

import static dev.sluice.gateway.costs.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.CostLedgerEntry;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Grouping, filtering, period bounds and once-only counting of ledger entries. */
class CostsReportTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final List<CostLedgerEntry> LEDGER = List.of(
      entry("r1:1", "2026-03-01T10:00:00Z", "acme", "gpt-4o", 1_000).setTeam("payments").setCustomer("c-1")
          .setWorkflow("wf-a").build(),
      entry("r2:1", "2026-03-01T23:30:00Z", "acme", "claude-sonnet-4", 2_000).setTeam("search").build(),
      entry("r3:1", "2026-03-02T00:30:00Z", "globex", "gpt-4o-mini", 4_000).setCustomer("c-2").build(),
      entry("r4:1", "2026-03-03T12:00:00Z", "acme", "gpt-4o", 8_000).setTeam("payments").setCustomer("c-1")
          .setWorkflow("wf-a").setKeyId("key-acme-2").build());

  static Stream<Arguments> dimensions() {
    return Stream.of(
        Arguments.of(Dimension.ORG, UTC, List.of("acme=11000", "globex=4000")),
        Arguments.of(Dimension.TEAM, UTC, List.of("payments=9000", "-=4000", "search=2000")),
        Arguments.of(Dimension.KEY, UTC, List.of("key-acme-2=8000", "key-globex=4000", "key-acme=3000")),
        Arguments.of(Dimension.CUSTOMER, UTC, List.of("c-1=9000", "c-2=4000", "-=2000")),
        Arguments.of(Dimension.WORKFLOW, UTC, List.of("wf-a=9000", "-=6000")),
        Arguments.of(Dimension.PROVIDER, UTC, List.of("openai=13000", "anthropic=2000")),
        Arguments.of(Dimension.MODEL, UTC, List.of("gpt-4o=9000", "gpt-4o-mini=4000", "claude-sonnet-4=2000")),
        Arguments.of(Dimension.DAY, UTC, List.of("2026-03-03=8000", "2026-03-02=4000", "2026-03-01=3000")),
        Arguments.of(Dimension.DAY, ZoneId.of("Asia/Tokyo"), List.of("2026-03-03=8000", "2026-03-02=6000", "2026-03-01=1000")));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("dimensions")
  void groupsByEachDimensionLargestCostFirst(Dimension dimension, ZoneId zone, List<String> expected) {
    CostReport report = CostReport.of(query(List.of(dimension), zone, Map.of()), LEDGER);

    assertThat(report.rows()).extracting(row -> Objects.requireNonNullElse(row.group().getFirst(), "-") + "=" + row.costMicros())
        .containsExactlyElementsOf(expected);
    assertThat(report.total().costMicros()).isEqualTo(15_000);
  }

  @Test
  void groupsBySeveralDimensionsAndSumsTokensAndSavings() {
    List<CostLedgerEntry> ledger = Stream.concat(LEDGER.stream(),
        Stream.of(entry("r5:1", "2026-03-02T08:00:00Z", "acme", "gpt-4o", 0).setCacheHit("exact").setSavedMicros(700)
            .setDiscountMicros(50).build())).toList();

    CostReport report = CostReport.of(query(List.of(Dimension.ORG, Dimension.MODEL), UTC, Map.of()), ledger);

    assertThat(report.rows()).containsExactly(
        new CostRow(List.of("acme", "gpt-4o"), 3, 3, 300, 60, 9_000, 750),
        new CostRow(List.of("globex", "gpt-4o-mini"), 1, 1, 100, 20, 4_000, 0),
        new CostRow(List.of("acme", "claude-sonnet-4"), 1, 1, 100, 20, 2_000, 0));
    assertThat(report.total()).isEqualTo(new CostRow(List.of(), 5, 5, 500, 100, 15_000, 750));
  }

  @Test
  void filtersOnExactValuesAndLeavesOutEntriesWithoutTheValue() {
    CostReport acmeGpt = CostReport.of(query(List.of(Dimension.TEAM), UTC,
        Map.of(Dimension.ORG, "acme", Dimension.MODEL, "gpt-4o")), LEDGER);
    CostReport payments = CostReport.of(query(List.of(Dimension.ORG), UTC, Map.of(Dimension.TEAM, "payments")), LEDGER);
    CostReport noMatch = CostReport.of(query(List.of(Dimension.ORG), UTC, Map.of(Dimension.ORG, "acm")), LEDGER);

    assertThat(acmeGpt.rows()).extracting(CostRow::group, CostRow::costMicros)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("payments"), 9_000L));
    assertThat(payments.entries()).extracting(CostLedgerEntry::getEntryId).containsExactly("r1:1", "r4:1");
    assertThat(noMatch.isEmpty()).isTrue();
    assertThat(noMatch.total().costMicros()).isZero();
  }

  @Test
  void countsFromTheFirstInstantOfFromUpToButNotIncludingTo() {
    List<CostLedgerEntry> ledger = List.of(
        entry("before", "2026-02-28T22:59:59.999Z", "acme", "gpt-4o", 1).build(),
        entry("first", "2026-02-28T23:00:00Z", "acme", "gpt-4o", 10).build(),
        entry("last", "2026-03-02T22:59:59.999Z", "acme", "gpt-4o", 100).build(),
        entry("after", "2026-03-02T23:00:00Z", "acme", "gpt-4o", 1_000).build());
    CostQuery berlin = new CostQuery(List.of(Dimension.DAY), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"),
        ZoneId.of("Europe/Berlin"), Map.of());

    CostReport report = CostReport.of(berlin, ledger);

    assertThat(report.entries()).extracting(CostLedgerEntry::getEntryId).containsExactly("first", "last");
    assertThat(report.rows()).extracting(row -> row.group().getFirst() + "=" + row.costMicros())
        .containsExactly("2026-03-02=100", "2026-03-01=10");
  }

  @Test
  void countsEachEntryIdOnceAndEachRequestOncePerGroup() {
    List<CostLedgerEntry> ledger = List.of(
        entry("r1:1", "2026-03-01T10:00:00Z", "acme", "gpt-4o", 500).build(),
        entry("r1:1", "2026-03-01T10:00:01Z", "acme", "gpt-4o", 999_999).build(),
        entry("r1:2", "2026-03-01T10:00:02Z", "acme", "gpt-4o", 700).build(),
        entry("r2:1", "2026-03-01T11:00:00Z", "acme", "gpt-4o", 300).build());

    CostReport report = CostReport.of(query(List.of(Dimension.ORG), UTC, Map.of()), ledger);

    assertThat(report.rows()).containsExactly(new CostRow(List.of("acme"), 2, 3, 300, 60, 1_500, 0));
  }

  @Test
  void totalCountsARequestSpreadOverGroupsOnce() {
    List<CostLedgerEntry> ledger = List.of(
        entry("r1:1", "2026-03-01T10:00:00Z", "acme", "gpt-4o", 500).build(),
        entry("r1:2", "2026-03-01T10:00:02Z", "acme", "claude-sonnet-4", 700).build());

    CostReport report = CostReport.of(query(List.of(Dimension.MODEL), UTC, Map.of()), ledger);

    assertThat(report.rows()).extracting(CostRow::requests).containsExactly(1L, 1L);
    assertThat(report.total().requests()).isEqualTo(1);
  }

  private static CostQuery query(List<Dimension> groupBy, ZoneId zone, Map<Dimension, String> filters) {
    return new CostQuery(groupBy, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-05"), zone, filters);
  }
}
