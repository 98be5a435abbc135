package dev.sluice.schemas.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One calendar period of a budget: a day or a month in the budget's zone, from its first instant
 * (inclusive) to the next period's (exclusive, the reset time).
 */
public record BudgetPeriod(Instant start, Instant end) {

  /** The period of {@code budget} that holds {@code at}. */
  public static BudgetPeriod of(BudgetConfig budget, Instant at) {
    ZoneId zone = ZoneId.of(budget.zone());
    LocalDate day = at.atZone(zone).toLocalDate();
    LocalDate first = BudgetConfig.MONTH.equals(budget.period()) ? day.withDayOfMonth(1) : day;
    LocalDate next = BudgetConfig.MONTH.equals(budget.period()) ? first.plusMonths(1) : first.plusDays(1);
    // atStartOfDay, not midnight: a zone may skip midnight on a daylight-saving change.
    ZonedDateTime start = first.atStartOfDay(zone);
    ZonedDateTime end = next.atStartOfDay(zone);
    return new BudgetPeriod(start.toInstant(), end.toInstant());
  }

  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
