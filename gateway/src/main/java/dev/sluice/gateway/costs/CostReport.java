package dev.sluice.gateway.costs;

import dev.sluice.schemas.avro.CostLedgerEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spend grouped by a {@link CostQuery}: each entry id counted once (the first copy read), only
 * entries of the query's period and filters, rows sorted by cost, largest first.
 */
public final class CostReport {
  private static final Comparator<String> VALUE_ORDER = Comparator.nullsLast(Comparator.naturalOrder());
  private static final Comparator<CostRow> ROW_ORDER = Comparator.comparingLong(CostRow::costMicros).reversed()
      .thenComparing(CostRow::group, CostReport::compareGroups);

  private final CostQuery query;
  private final List<CostLedgerEntry> entries;
  private final List<CostRow> rows;
  private final CostRow total;

  private CostReport(CostQuery query, List<CostLedgerEntry> entries, List<CostRow> rows, CostRow total) {
    this.query = query;
    this.entries = entries;
    this.rows = rows;
    this.total = total;
  }

  /** @param ledger ledger entries in the order read; repeated entry ids are dropped */
  public static CostReport of(CostQuery query, Iterable<CostLedgerEntry> ledger) {
    Set<String> seen = new HashSet<>();
    List<CostLedgerEntry> matching = new ArrayList<>();
    for (CostLedgerEntry entry : ledger) {
      if (seen.add(entry.getEntryId()) && query.matches(entry)) {
        matching.add(entry);
      }
    }
    Map<List<String>, Tally> groups = new HashMap<>();
    Tally all = new Tally();
    for (CostLedgerEntry entry : matching) {
      groups.computeIfAbsent(query.groupOf(entry), group -> new Tally()).add(entry);
      all.add(entry);
    }
    List<CostRow> rows = groups.entrySet().stream()
        .map(group -> group.getValue().row(group.getKey()))
        .sorted(ROW_ORDER)
        .toList();
    return new CostReport(query, List.copyOf(matching), rows, all.row(List.of()));
  }

  public CostQuery query() {
    return query;
  }

  /** The distinct entries counted, in the order read. */
  public List<CostLedgerEntry> entries() {
    return entries;
  }

  /** One row per group, largest cost first (ties by group values). */
  public List<CostRow> rows() {
    return rows;
  }

  /** Every counted entry; its requests are distinct over all groups. */
  public CostRow total() {
    return total;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static int compareGroups(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = VALUE_ORDER.compare(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static final class Tally {
    private final Set<String> requests = new HashSet<>();
    private long entries;
    private long inputTokens;
    private long outputTokens;
    private long costMicros;
    private long savedMicros;

    void add(CostLedgerEntry entry) {
      requests.add(entry.getRequestId());
      entries++;
      inputTokens += entry.getInputTokens();
      outputTokens += entry.getOutputTokens();
      costMicros += entry.getCostMicros();
      savedMicros += entry.getSavedMicros() + entry.getDiscountMicros();
    }

    CostRow row(List<String> group) {
      return new CostRow(group, requests.size(), entries, inputTokens, outputTokens, costMicros, savedMicros);
    }
  }
}
