package dev.sluice.gateway.costs;

import dev.sluice.schemas.money.MicroDollars;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Budget statuses as an aligned text table. */
public final class BudgetTable {
  private static final List<String> HEADERS =
      List.of("budget", "scope", "period", "limit", "spent", "reserved", "remaining", "used", "resets");

  private BudgetTable() {}

  public static String render(List<BudgetStatus> statuses) {
    TextTable table = new TextTable(HEADERS, column -> column >= 3 && column <= 7);
    for (BudgetStatus status : statuses) {
      table.row(List.of(status.budget().id(), status.budget().scope().name(), status.periodLabel(),
          MicroDollars.format(status.limitMicros()), MicroDollars.format(status.spentMicros()),
          MicroDollars.format(status.reservedMicros()), MicroDollars.format(status.remainingMicros()),
          status.percentUsed(), status.resetsAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    }
    return table.render();
  }
}
