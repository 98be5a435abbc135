package dev.sluice.gateway.costs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The sums of one group of ledger entries.
 *
 * @param group the value of each grouping dimension, null where the entries have none; empty for the total
 * @param requests distinct request ids
 * @param entries distinct ledger entries
 * @param inputTokens input tokens billed
 * @param outputTokens output tokens billed
 * @param costMicros what was charged, micro-dollars
 * @param savedMicros what cache hits and batch discounts saved, micro-dollars
 */
public record CostRow(List<String> group, long requests, long entries, long inputTokens, long outputTokens,
    long costMicros, long savedMicros) {
  public CostRow {
    group = Collections.unmodifiableList(new ArrayList<>(group));
  }
}
