package dev.sluice.gateway.costs;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How a report is written. */
public enum OutputFormat {
  TABLE, CSV, HTML;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the value and the formats allowed */
  public static OutputFormat of(String label, Set<OutputFormat> allowed) {
    for (OutputFormat format : allowed) {
      if (format.label().equals(label.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not a format; use one of "
        + allowed.stream().sorted().map(OutputFormat::label).collect(Collectors.joining(", ")));
  }
}
