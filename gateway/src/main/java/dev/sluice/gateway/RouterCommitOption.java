package dev.sluice.gateway;

import dev.sluice.router.RouterSettings;
import picocli.CommandLine.Option;

/** The router's commit interval, for every command that runs the router (a picocli mixin). */
public final class RouterCommitOption {
  @Option(names = {"--router-commit-ms", "--commit-interval-ms"}, paramLabel = "MS",
      defaultValue = "${env:SLUICE_ROUTER_COMMIT_INTERVAL_MS:-" + RouterSettings.DEFAULT_COMMIT_INTERVAL_MS + "}",
      description = "How often the router commits; bounds each request's wait for it"
          + " (default: $SLUICE_ROUTER_COMMIT_INTERVAL_MS, else " + RouterSettings.DEFAULT_COMMIT_INTERVAL_MS + ").")
  long millis;

  public long millis() {
    return millis;
  }
}
