package dev.sluice.schemas.config;

import java.util.List;

/**
 * A virtual key. The secret itself is never configured, only its SHA-256.
 *
 * @param id the key's public id (in ledger, audit, metrics)
 * @param sha256 lower-case hex SHA-256 of the secret
 * @param org budget root
 * @param team team within the org, may be null
 * @param routes what the key may call: route aliases, {@code provider/model}, or {@code *}
 */
public record VirtualKeyConfig(String id, String sha256, String org, String team, List<String> routes) {
  public static final String ANY = "*";

  public VirtualKeyConfig {
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  /** Whether this key may call the given route alias or {@code provider/model}. */
  public boolean allows(String model) {
    return routes.contains(ANY) || routes.contains(model);
  }

  @Override
  public String toString() {
    return "VirtualKeyConfig[id=" + id + ", org=" + org + ", team=" + team + ", routes=" + routes + "]";
  }
}
