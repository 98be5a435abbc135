package dev.sluice.gateway.costs;

import dev.sluice.schemas.money.MicroDollars;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cost report as one self-contained HTML page (no external scripts, styles or fonts): a title
 * with the period and filters, a chart of spend per day, and the table with its total.
 */
public final class CostHtml {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2em;color:#222}
      table{border-collapse:collapse;margin-top:1.5em}
      th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
      .num{text-align:right;font-variant-numeric:tabular-nums}
      tfoot td{font-weight:bold;border-top:2px solid #888}
      """;

  private CostHtml() {}

  public static String render(CostReport report) {
    CostQuery query = report.query();
    String title = "Sluice spend by " + CostQuery.labels(query.groupBy()) + " " + query.describe();
    StringBuilder html = new StringBuilder()
        .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n")
        .append("<p>").append(report.total().entries()).append(" ledger entries, ").append(report.total().requests())
        .append(" requests, ").append(Html.escape(MicroDollars.format(report.total().costMicros()))).append(" spent.</p>\n")
        .append(SpendChart.svg(DailySpend.of(report)));
    table(html, report);
    return html.append("</body>\n</html>\n").toString();
  }

  private static void table(StringBuilder html, CostReport report) {
    int groups = report.query().groupBy().size();
    html.append("<table>\n<thead><tr>");
    report.query().groupBy().forEach(dimension -> html.append("<th>").append(dimension.label()).append("</th>"));
    CostTable.METRICS.forEach(metric -> html.append("<th class=\"num\">").append(metric).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (CostRow row : report.rows()) {
      row(html, row.group().stream().map(value -> Objects.requireNonNullElse(value, "-")).toList(), row);
    }
    html.append("</tbody>\n<tfoot>\n");
    List<String> totalLabel = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      totalLabel.add(i == 0 ? "total" : "");
    }
    row(html, totalLabel, report.total());
    html.append("</tfoot>\n</table>\n");
  }

  private static void row(StringBuilder html, List<String> group, CostRow row) {
    html.append("<tr>");
    group.forEach(value -> html.append("<td>").append(Html.escape(value)).append("</td>"));
    List<String> metrics = List.of(Long.toString(row.requests()), Long.toString(row.entries()),
        Long.toString(row.inputTokens()), Long.toString(row.outputTokens()),
        MicroDollars.format(row.costMicros()), MicroDollars.format(row.savedMicros()));
    metrics.forEach(value -> html.append("<td class=\"num\">").append(Html.escape(value)).append("</td>"));
    html.append("</tr>\n");
  }
}
