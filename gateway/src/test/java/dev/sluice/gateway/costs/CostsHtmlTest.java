package dev.sluice.gateway.costs;

import static dev.sluice.gateway.costs.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.CostLedgerEntry;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page: self-contained, escaped, a stacked bar chart with one segment per day and group. */
class CostsHtmlTest {
  private static final String SCRIPT_TEAM = "<script>alert('x')</script>";

  @Test
  void isOnePageWithTitleChartAndTableAndNothingExternal() {
    String html = CostHtml.render(report(List.of(Dimension.TEAM, Dimension.MODEL), Map.of(Dimension.ORG, "acme"), ledger()));

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "<table>", "</html>")
        .contains("<title>Sluice spend by team,model from 2026-03-01 to 2026-03-04 (exclusive), UTC; org=acme</title>")
        .doesNotContain("<script", "<link", "src=", "href=", "url(");
  }

  @Test
  void escapesEveryValue() {
    String html = CostHtml.render(report(List.of(Dimension.TEAM), Map.of(), ledger()));

    assertThat(html).doesNotContain("<script").doesNotContain("alert('x')")
        .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>")
        .contains("<title>2026-03-02 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;: $0.000300</title>");
  }

  @Test
  void drawsOneSegmentPerDayAndGroupThatSpent() {
    String html = CostHtml.render(report(List.of(Dimension.TEAM, Dimension.MODEL), Map.of(), ledger()));

    // (03-01, payments), (03-01, -), (03-02, payments), (03-02, script team), (03-03, -); 03-04 is outside the period.
    assertThat(count(html, "class=\"segment\"")).isEqualTo(5);
    assertThat(count(html, "class=\"swatch\"")).isEqualTo(3);
    assertThat(html).contains("<title>2026-03-01 payments: $0.000100</title>", "<title>2026-03-01 -: $0.000050</title>",
        "<title>2026-03-02 payments: $0.000200</title>", "<title>2026-03-03 -: $0.000400</title>");
  }

  @Test
  void capsTheLegendAtTenGroupsPlusOther() {
    List<CostLedgerEntry> ledger = new ArrayList<>();
    for (int org = 1; org <= 12; org++) {
      ledger.add(entry("r" + org + ":1", "2026-03-01T10:00:00Z", "org-" + org, "gpt-4o", org * 1_000L).build());
    }

    String html = CostHtml.render(report(List.of(Dimension.ORG), Map.of(), ledger));

    assertThat(count(html, "class=\"swatch\"")).isEqualTo(11);
    assertThat(html).contains("other  $0.003000").contains("org-12  $0.012000").doesNotContain("org-1  ", "org-2  ");
    assertThat(count(html, "class=\"segment\"")).isEqualTo(11);
  }

  @Test
  void roundsTheChartsAxisToFourEvenSteps() {
    assertThat(SpendChart.axisMax(33_512_039)).isEqualTo(40_000_000);
    assertThat(SpendChart.axisMax(400)).isEqualTo(400);
    assertThat(SpendChart.axisMax(401)).isEqualTo(800);
    assertThat(SpendChart.axisMax(0)).isZero();

    String html = CostHtml.render(report(List.of(Dimension.TEAM), Map.of(), ledger()));
    assertThat(html).contains(">$0.0008</text>", ">$0.0006</text>", ">$0</text>");
  }

  @Test
  void anEmptyPeriodSaysSoInTheChart() {
    String html = CostHtml.render(report(List.of(Dimension.ORG), Map.of(Dimension.ORG, "nobody"), ledger()));

    assertThat(html).contains("No spend in this period.").doesNotContain("class=\"segment\"");
  }

  private static List<CostLedgerEntry> ledger() {
    return List.of(
        entry("r1:1", "2026-03-01T10:00:00Z", "acme", "gpt-4o", 100).setTeam("payments").build(),
        entry("r2:1", "2026-03-01T11:00:00Z", "acme", "gpt-4o", 50).build(),
        entry("r3:1", "2026-03-02T10:00:00Z", "acme", "gpt-4o", 200).setTeam("payments").build(),
        entry("r4:1", "2026-03-02T12:00:00Z", "acme", "gpt-4o-mini", 300).setTeam(SCRIPT_TEAM).build(),
        entry("r5:1", "2026-03-03T10:00:00Z", "acme", "gpt-4o", 150).build(),
        entry("r6:1", "2026-03-03T11:00:00Z", "acme", "gpt-4o-mini", 250).build(),
        entry("r7:1", "2026-03-04T11:00:00Z", "acme", "gpt-4o", 5_000).build());
  }

  private static CostReport report(List<Dimension> groupBy, Map<Dimension, String> filters, List<CostLedgerEntry> ledger) {
    return CostReport.of(new CostQuery(groupBy, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-04"),
        ZoneId.of("UTC"), filters), ledger);
  }

  private static long count(String text, String literal) {
    return Pattern.compile(Pattern.quote(literal)).matcher(text).results().count();
  }
}
