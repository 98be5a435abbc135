package dev.sluice.gateway.costs;

import dev.sluice.schemas.avro.CostLedgerEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which ledger entries a cost report counts and how it groups them.
 *
 * @param groupBy the grouping dimensions, in column order; at least one, none twice
 * @param from first day counted (inclusive), in {@code zone}
 * @param to first day no longer counted (exclusive), in {@code zone}
 * @param zone where days start and end
 * @param filters exact values an entry must have; {@link Dimension#DAY} is not a filter (use the period)
 */
public record CostQuery(List<Dimension> groupBy, LocalDate from, LocalDate to, ZoneId zone, Map<Dimension, String> filters) {
  public CostQuery {
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    filters = filters.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(filters));
    if (groupBy.isEmpty()) {
      throw new IllegalArgumentException("groupBy must name at least one dimension");
    }
    if (new HashSet<>(groupBy).size() != groupBy.size()) {
      throw new IllegalArgumentException("groupBy names a dimension twice: " + labels(groupBy));
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, but was from " + from + ", to " + to);
    }
    if (filters.containsKey(Dimension.DAY)) {
      throw new IllegalArgumentException("day is not a filter; use from and to");
    }
  }

  /** The first instant counted. */
  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant no longer counted. */
  public Instant end() {
    return to.atStartOfDay(zone).toInstant();
  }

  /** Whether the entry's time lies in [start, end) and it has every filtered value. */
  public boolean matches(CostLedgerEntry entry) {
    Instant time = entry.getTime();
    if (time.isBefore(start()) || !time.isBefore(end())) {
      return false;
    }
    return filters.entrySet().stream().allMatch(f -> f.getValue().equals(f.getKey().valueOf(entry, zone)));
  }

  /** The entry's value of each grouping dimension, null where it has none. */
  public List<String> groupOf(CostLedgerEntry entry) {
    List<String> values = new ArrayList<>(groupBy.size());
    groupBy.forEach(dimension -> values.add(dimension.valueOf(entry, zone)));
    return Collections.unmodifiableList(values);
  }

  /** E.g. {@code from 2026-03-01 to 2026-03-04 (exclusive), UTC; org=acme, model=gpt-4o}. */
  public String describe() {
    String period = "from " + from + " to " + to + " (exclusive), " + zone.getId();
    if (filters.isEmpty()) {
      return period;
    }
    return period + "; " + filters.entrySet().stream()
        .map(f -> f.getKey().label() + "=" + f.getValue())
        .collect(Collectors.joining(", "));
  }

  static String labels(List<Dimension> dimensions) {
    return dimensions.stream().map(Dimension::label).collect(Collectors.joining(","));
  }
}
