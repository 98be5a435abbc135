package dev.sluice.gateway;

import dev.sluice.schemas.config.BudgetHierarchy;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --config gateway.yaml}, or the built-in demo configuration when absent. */
final class ConfigOption {
  private static final Logger log = LoggerFactory.getLogger(ConfigOption.class);

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:SLUICE_CONFIG}",
      description = "gateway.yaml: providers, routes, keys (default: $SLUICE_CONFIG, else the built-in demo configuration).")
  Path file;

  boolean isDemo() {
    return file == null;
  }

  /**
   * The configuration from {@code --config}, or the demo one with its providers at {@code simulatorApiUrl}.
   *
   * @throws dev.sluice.schemas.config.ConfigException listing every problem with its line
   */
  GatewayConfig load(String simulatorApiUrl) {
    if (file == null) {
      return DemoConfig.load(simulatorApiUrl);
    }
    if (!Files.isRegularFile(file)) {
      throw new UserException("cannot read --config " + file + ": no such file");
    }
    GatewayConfig config = GatewayConfigLoader.load(file);
    BudgetHierarchy.warnings(config).forEach(warning -> log.warn("{}: {}", file, warning));
    return config;
  }
}
