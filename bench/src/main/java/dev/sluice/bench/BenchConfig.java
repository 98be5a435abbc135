package dev.sluice.bench;

import dev.sluice.gateway.DemoConfig;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** bench-gateway.yaml with its providers at the running simulator. */
final class BenchConfig {
  private static final String RESOURCE = "/bench-gateway.yaml";

  private BenchConfig() {}

  static GatewayConfig load(String simulatorApiUrl) {
    try (InputStream in = BenchConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return GatewayConfigLoader.parse(yaml.replace(DemoConfig.SIMULATOR_API_URL, simulatorApiUrl), "bench-gateway.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
