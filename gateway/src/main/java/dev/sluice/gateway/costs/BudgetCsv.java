package dev.sluice.gateway.costs;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** Budget statuses as CSV, money in integer micro-dollars, times ISO-8601 in each budget's zone. */
public final class BudgetCsv {
  private static final List<String> HEADER = List.of("budget", "scope", "period", "period_start", "resets_at",
      "limit_micros", "spent_micros", "reserved_micros", "remaining_micros", "share_used");

  private BudgetCsv() {}

  public static String render(List<BudgetStatus> statuses) {
    StringBuilder csv = new StringBuilder(Csv.line(HEADER));
    for (BudgetStatus status : statuses) {
      BigDecimal share = status.shareUsed();
      csv.append(Csv.line(Arrays.asList(status.budget().id(), status.budget().scope().name(), status.budget().period(),
          status.startsAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          status.resetsAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          Long.toString(status.limitMicros()), Long.toString(status.spentMicros()),
          Long.toString(status.reservedMicros()), Long.toString(status.remainingMicros()),
          share == null ? null : share.toPlainString())));
    }
    return csv.toString();
  }
}
