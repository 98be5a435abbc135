package dev.sluice.gateway.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** A plain-text table: each column as wide as its widest cell, two spaces apart, chosen columns aligned right. */
public final class TextTable {
  private static final String GAP = "  ";

  private final List<String> headers;
  private final IntPredicate rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /** @param rightAligned which columns (by index from 0) are aligned right */
  public TextTable(List<String> headers, IntPredicate rightAligned) {
    this.headers = List.copyOf(headers);
    this.rightAligned = rightAligned;
  }

  public TextTable row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException("a row needs " + headers.size() + " cells, but had " + cells.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** A line of dashes below the rows so far, e.g. above a total. */
  public TextTable rule() {
    rows.add(null);
    return this;
  }

  /** The table, one line per row, each ending in a newline. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (List<String> row : allRows()) {
      for (int i = 0; row != null && i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : allRows()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = row == null ? "-".repeat(widths[i]) : row.get(i);
        String padding = " ".repeat(widths[i] - cell.length());
        line.append(i == 0 ? "" : GAP).append(rightAligned.test(i) ? padding + cell : cell + padding);
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>(rows.size() + 1);
    all.add(headers);
    all.addAll(rows);
    return all;
  }
}
