package dev.sluice.bench;

import dev.sluice.gateway.DemoConfig;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * The load benchmark's gateway.yaml: bench-gateway.yaml with its providers at the running
 * simulator, plus the keys and budgets of {@link BenchOrgs}. They are written as YAML and parsed
 * with the rest, so the generated part is validated as any gateway.yaml is.
 */
final class BenchConfig {
  private static final String RESOURCE = "/bench-gateway.yaml";
  private static final String SOURCE = "bench-gateway.yaml";
  /** Turns the semantic cache on for every route. */
  static final String SEMANTIC_CACHE = "\ncache: {semantic: true}\n";
  /** Dollars per period: far above what any run spends, so a budget is checked and reserved but never refuses. */
  private static final BigDecimal NEVER_BINDING_LIMIT = new BigDecimal("1000000");

  private BenchConfig() {}

  /** @param semanticCache whether every route uses the semantic cache */
  static GatewayConfig load(String simulatorApiUrl, BenchOrgs orgs, boolean semanticCache) {
    return load(simulatorApiUrl, orgs, semanticCache ? SEMANTIC_CACHE : "");
  }

  /** @param extraYaml top-level sections added to the file, e.g. {@code batching:} */
  static GatewayConfig load(String simulatorApiUrl, BenchOrgs orgs, String extraYaml) {
    String base = resource().replace(DemoConfig.SIMULATOR_API_URL, simulatorApiUrl) + extraYaml;
    // Each key may call every route of the file, whichever routes it has.
    String routes = String.join(", ", new TreeSet<>(GatewayConfigLoader.parse(base, SOURCE).routes().keySet()));
    return GatewayConfigLoader.parse(base + keysAndBudgets(orgs, routes), SOURCE);
  }

  private static String keysAndBudgets(BenchOrgs orgs, String routes) {
    StringBuilder yaml = new StringBuilder("\nkeys:\n");
    for (int i = 0; i < orgs.count(); i++) {
      yaml.append("  - {id: ").append(orgs.keyId(i)).append(", sha256: ").append(Sha256.hex(orgs.secret(i)))
          .append(", org: ").append(orgs.org(i)).append(", routes: [").append(routes).append("]}\n");
    }
    if (!orgs.budgets()) {
      return yaml.toString();
    }
    String limit = NEVER_BINDING_LIMIT.toPlainString();
    yaml.append("budgets:\n");
    for (int i = 0; i < orgs.count(); i++) {
      yaml.append("  - {id: ").append(orgs.org(i)).append("-day, scope: {org: ").append(orgs.org(i))
          .append("}, period: day, limit: ").append(limit).append("}\n");
      yaml.append("  - {id: ").append(orgs.keyId(i)).append("-month, scope: {key: ").append(orgs.keyId(i))
          .append("}, period: month, limit: ").append(limit).append("}\n");
    }
    return yaml.toString();
  }

  private static String resource() {
    try (InputStream in = BenchConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
