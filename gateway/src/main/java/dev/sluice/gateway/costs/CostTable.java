package dev.sluice.gateway.costs;

import dev.sluice.schemas.money.MicroDollars;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A cost report as an aligned text table with a total row; missing values show as {@code -}. */
public final class CostTable {
  static final List<String> METRICS = List.of("requests", "entries", "input tokens", "output tokens", "cost", "saved");

  private CostTable() {}

  public static String render(CostReport report) {
    CostQuery query = report.query();
    if (report.isEmpty()) {
      return "No ledger entries " + query.describe() + ".\n";
    }
    List<String> headers = new ArrayList<>();
    query.groupBy().forEach(dimension -> headers.add(dimension.label()));
    headers.addAll(METRICS);
    int groups = query.groupBy().size();
    TextTable table = new TextTable(headers, column -> column >= groups);
    for (CostRow row : report.rows()) {
      table.row(cells(row.group().stream().map(v -> Objects.requireNonNullElse(v, "-")).toList(), row));
    }
    List<String> totalLabel = new ArrayList<>();
    query.groupBy().forEach(dimension -> totalLabel.add(totalLabel.isEmpty() ? "total" : ""));
    table.rule().row(cells(totalLabel, report.total()));
    return "Spend by " + String.join(", ", headers.subList(0, groups)) + " " + query.describe() + "\n"
        + table.render();
  }

  private static List<String> cells(List<String> group, CostRow row) {
    List<String> cells = new ArrayList<>(group);
    cells.add(Long.toString(row.requests()));
    cells.add(Long.toString(row.entries()));
    cells.add(Long.toString(row.inputTokens()));
    cells.add(Long.toString(row.outputTokens()));
    cells.add(MicroDollars.format(row.costMicros()));
    cells.add(MicroDollars.format(row.savedMicros()));
    return cells;
  }
}
