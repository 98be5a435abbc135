package dev.sluice.gateway.costs;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 records: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
public final class Csv {
  private Csv() {}

  /** One record; a null field is empty. */
  public static String line(List<String> fields) {
    return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
