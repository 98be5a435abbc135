package dev.sluice.gateway.costs;

import static dev.sluice.gateway.costs.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact CSV of a small report: header, one record per group, RFC 4180 quoting, empty for a missing value. */
class CostsCsvTest {
  @Test
  void writesOneQuotedRecordPerGroupWithMicrosAndDollars() {
    CostReport report = CostReport.of(new CostQuery(List.of(Dimension.TEAM, Dimension.MODEL), LocalDate.parse("2026-03-01"),
        LocalDate.parse("2026-03-02"), ZoneId.of("UTC"), Map.of()), List.of(
            entry("r1:1", "2026-03-01T10:00:00Z", "acme", "gpt-4o", 1_500_000).setTeam("ops \"blue\", east").build(),
            entry("r2:1", "2026-03-01T11:00:00Z", "acme", "gpt-4o-mini", 125).setSavedMicros(40).build(),
            entry("r2:2", "2026-03-01T11:00:05Z", "acme", "gpt-4o-mini", 250).build()));

    assertThat(CostCsv.render(report)).isEqualTo(
        "team,model,requests,entries,input_tokens,output_tokens,cost_micros,cost_usd,saved_micros,saved_usd\r\n"
            + "\"ops \"\"blue\"\", east\",gpt-4o,1,1,100,20,1500000,1.500000,0,0.000000\r\n"
            + ",gpt-4o-mini,1,2,200,40,375,0.000375,40,0.000040\r\n");
  }

  @Test
  void anEmptyReportIsTheHeaderAlone() {
    CostReport report = CostReport.of(new CostQuery(List.of(Dimension.ORG), LocalDate.parse("2026-03-01"),
        LocalDate.parse("2026-03-02"), ZoneId.of("UTC"), Map.of()), List.of());

    assertThat(CostCsv.render(report))
        .isEqualTo("org,requests,entries,input_tokens,output_tokens,cost_micros,cost_usd,saved_micros,saved_usd\r\n");
  }
}
