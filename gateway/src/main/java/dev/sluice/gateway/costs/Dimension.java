package dev.sluice.gateway.costs;

import dev.sluice.schemas.avro.CostLedgerEntry;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What ledger entries can be grouped by (all) and filtered by (all but {@link #DAY}). */
public enum Dimension {
  ORG("org", CostLedgerEntry::getOrg),
  TEAM("team", CostLedgerEntry::getTeam),
  KEY("key", CostLedgerEntry::getKeyId),
  CUSTOMER("customer", CostLedgerEntry::getCustomer),
  WORKFLOW("workflow", CostLedgerEntry::getWorkflow),
  PROVIDER("provider", CostLedgerEntry::getProvider),
  MODEL("model", CostLedgerEntry::getModel),
  DAY("day", null);

  private final String label;
  private final Function<CostLedgerEntry, String> field;

  Dimension(String label, Function<CostLedgerEntry, String> field) {
    this.label = label;
    this.field = field;
  }

  /** The name users write: {@code org}, {@code team}... */
  public String label() {
    return label;
  }

  /**
   * The entry's value, or null when it has none (an entry without a team, say). {@link #DAY} is the
   * entry's date in {@code zone}, e.g. {@code 2026-03-01}.
   */
  public String valueOf(CostLedgerEntry entry, ZoneId zone) {
    if (this == DAY) {
      return LocalDate.ofInstant(entry.getTime(), zone).toString();
    }
    String value = field.apply(entry);
    return value == null || value.isEmpty() ? null : value;
  }

  /** @throws IllegalArgumentException naming the value and the dimensions there are */
  public static Dimension of(String label) {
    for (Dimension dimension : values()) {
      if (dimension.label.equals(label.trim())) {
        return dimension;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not a dimension; use one of "
        + Arrays.stream(values()).map(Dimension::label).collect(Collectors.joining(", ")));
  }
}
