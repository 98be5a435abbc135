package dev.sluice.schemas.config;

import java.util.List;

/** gateway.yaml is unreadable or invalid; the message lists every problem with file, line and path. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super("invalid configuration " + source + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code file:line: path: what is wrong}. */
  public List<String> problems() {
    return problems;
  }
}
