package dev.sluice.gateway.costs;

import static dev.sluice.gateway.costs.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text table: aligned columns, {@code -} for a missing value, a total row, the period and filters above. */
class CostsTableTest {
  private static final CostQuery QUERY = new CostQuery(List.of(Dimension.ORG, Dimension.TEAM), LocalDate.parse("2026-03-01"),
      LocalDate.parse("2026-03-03"), ZoneId.of("UTC"), Map.of(Dimension.PROVIDER, "openai"));

  @Test
  void alignsColumnsAndEndsWithTheTotal() {
    CostReport report = CostReport.of(QUERY, List.of(
        entry("r1:1", "2026-03-01T10:00:00Z", "acme", "gpt-4o", 12_500_000).setTeam("payments").build(),
        entry("r2:1", "2026-03-02T10:00:00Z", "globex", "gpt-4o", 250).build(),
        entry("r3:1", "2026-03-02T10:00:00Z", "globex", "claude-sonnet-4", 999).build()));

    assertThat(CostTable.render(report)).isEqualTo("""
        Spend by org, team from 2026-03-01 to 2026-03-03 (exclusive), UTC; provider=openai
        org     team      requests  entries  input tokens  output tokens        cost      saved
        acme    payments         1        1           100             20  $12.500000  $0.000000
        globex  -                1        1           100             20   $0.000250  $0.000000
        ------  --------  --------  -------  ------------  -------------  ----------  ---------
        total                    2        2           200             40  $12.500250  $0.000000
        """);
  }

  @Test
  void saysSoWhenNothingMatches() {
    assertThat(CostTable.render(CostReport.of(QUERY, List.of())))
        .isEqualTo("No ledger entries from 2026-03-01 to 2026-03-03 (exclusive), UTC; provider=openai.\n");
  }
}
