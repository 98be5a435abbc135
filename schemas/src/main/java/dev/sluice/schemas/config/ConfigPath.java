package dev.sluice.schemas.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;

/** A place in gateway.yaml, shown as {@code routes.smart.targets[1].model}. */
public record ConfigPath(List<Object> segments) {
  public static final ConfigPath ROOT = new ConfigPath(List.of());

  public ConfigPath {
    segments = List.copyOf(segments);
  }

  public static ConfigPath of(String field) {
    return ROOT.field(field);
  }

  public ConfigPath field(String name) {
    List<Object> next = new ArrayList<>(segments);
    next.add(name);
    return new ConfigPath(next);
  }

  public ConfigPath index(int i) {
    List<Object> next = new ArrayList<>(segments);
    next.add(i);
    return new ConfigPath(next);
  }

  /** As a JSON pointer, to look up the line in the parsed document. */
  public JsonPointer pointer() {
    JsonPointer pointer = JsonPointer.empty();
    for (Object s : segments) {
      pointer = s instanceof Integer i ? pointer.appendIndex(i) : pointer.appendProperty((String) s);
    }
    return pointer;
  }

  /** The enclosing path (itself for the root). */
  public ConfigPath parent() {
    return segments.isEmpty() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Object s : segments) {
      if (s instanceof Integer i) {
        text.append('[').append(i).append(']');
      } else if (((String) s).matches("[A-Za-z0-9_-]+")) {
        text.append(text.isEmpty() ? "" : ".").append(s);
      } else {
        text.append("[\"").append(s).append("\"]");
      }
    }
    return text.isEmpty() ? "(document)" : text.toString();
  }
}
