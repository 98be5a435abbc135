package dev.sluice.gateway.costs;

import dev.sluice.schemas.money.MicroDollars;
import java.util.ArrayList;
import java.util.List;

/**
 * A cost report as CSV: a header, then one record per group (no total record, so a column sums to
 * the total). Money as integer micro-dollars and as dollars; a missing value is an empty field.
 */
public final class CostCsv {
  static final List<String> METRICS = List.of("requests", "entries", "input_tokens", "output_tokens",
      "cost_micros", "cost_usd", "saved_micros", "saved_usd");

  private CostCsv() {}

  public static String render(CostReport report) {
    List<String> header = new ArrayList<>();
    report.query().groupBy().forEach(dimension -> header.add(dimension.label()));
    header.addAll(METRICS);
    StringBuilder csv = new StringBuilder(Csv.line(header));
    for (CostRow row : report.rows()) {
      List<String> fields = new ArrayList<>(row.group());
      fields.add(Long.toString(row.requests()));
      fields.add(Long.toString(row.entries()));
      fields.add(Long.toString(row.inputTokens()));
      fields.add(Long.toString(row.outputTokens()));
      fields.add(Long.toString(row.costMicros()));
      fields.add(MicroDollars.toDollars(row.costMicros()));
      fields.add(Long.toString(row.savedMicros()));
      fields.add(MicroDollars.toDollars(row.savedMicros()));
      csv.append(Csv.line(fields));
    }
    return csv.toString();
  }
}
