package dev.sluice.schemas.config;

import java.util.List;

/** A route alias: targets in the order they are tried. */
public record RouteConfig(List<RouteTargetConfig> targets) {
  public RouteConfig {
    targets = targets == null ? List.of() : List.copyOf(targets);
  }
}
