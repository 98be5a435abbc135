package dev.sluice.gateway.costs;

import dev.sluice.schemas.avro.CostLedgerEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report's cost per day of its period, split into series by the first grouping dimension other
 * than {@code day}: its {@value #MAX_SERIES} costliest values, and {@value #OTHER} for the rest.
 * Grouped by {@code day} alone, there is one series, {@value #TOTAL}.
 *
 * @param dimension the series dimension, or null for the single total series
 * @param days every day of the period, in order
 * @param series series names, costliest first, {@value #OTHER} last when present
 * @param costs micro-dollars by day, then by series; absent when nothing was spent
 */
public record DailySpend(Dimension dimension, List<LocalDate> days, List<String> series,
    Map<LocalDate, Map<String, Long>> costs) {
  public static final int MAX_SERIES = 10;
  public static final String OTHER = "other";
  public static final String TOTAL = "total";
  private static final String MISSING = "-";

  public static DailySpend of(CostReport report) {
    CostQuery query = report.query();
    Dimension dimension = query.groupBy().stream().filter(d -> d != Dimension.DAY).findFirst().orElse(null);
    Map<String, Long> totals = new HashMap<>();
    for (CostLedgerEntry entry : report.entries()) {
      totals.merge(seriesOf(entry, dimension, query), entry.getCostMicros(), Long::sum);
    }
    List<String> ranked = totals.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
    List<String> series = new ArrayList<>(ranked.subList(0, Math.min(MAX_SERIES, ranked.size())));
    if (ranked.size() > MAX_SERIES) {
      series.add(OTHER);
    }
    Map<LocalDate, Map<String, Long>> costs = new HashMap<>();
    for (CostLedgerEntry entry : report.entries()) {
      String name = seriesOf(entry, dimension, query);
      LocalDate day = LocalDate.ofInstant(entry.getTime(), query.zone());
      costs.computeIfAbsent(day, d -> new LinkedHashMap<>())
          .merge(series.contains(name) ? name : OTHER, entry.getCostMicros(), Long::sum);
    }
    return new DailySpend(dimension, query.from().datesUntil(query.to()).toList(), List.copyOf(series), Map.copyOf(costs));
  }

  public long cost(LocalDate day, String name) {
    return costs.getOrDefault(day, Map.of()).getOrDefault(name, 0L);
  }

  public long dayTotal(LocalDate day) {
    return costs.getOrDefault(day, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  public long seriesTotal(String name) {
    return costs.values().stream().mapToLong(byName -> byName.getOrDefault(name, 0L)).sum();
  }

  public long maxDayTotal() {
    return days.stream().mapToLong(this::dayTotal).max().orElse(0);
  }

  private static String seriesOf(CostLedgerEntry entry, Dimension dimension, CostQuery query) {
    return dimension == null ? TOTAL : Objects.requireNonNullElse(dimension.valueOf(entry, query.zone()), MISSING);
  }
}
