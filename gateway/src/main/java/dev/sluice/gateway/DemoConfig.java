package dev.sluice.gateway;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The built-in demo configuration (demo-gateway.yaml): two providers on the simulator, three routes, one key. */
public final class DemoConfig {
  /** The secret of the demo key {@code demo-key} (org demo-org, team demo-team, routes smart, fast, claude). */
  public static final String DEMO_KEY = "sk-sluice-demo";
  /** The simulator URL written in the file; replaced when the simulator runs elsewhere. */
  public static final String SIMULATOR_API_URL = "http://127.0.0.1:18080/v1";
  /** The variable the demo providers take their API key from; the simulator accepts any non-blank key. */
  public static final String SIMULATOR_KEY_ENV = "SLUICE_SIMULATOR_KEY";
  private static final String SIMULATOR_KEY_PLACEHOLDER = "sk-simulator-accepts-any-key";
  private static final String RESOURCE = "/demo-gateway.yaml";
  private static final String SOURCE = "demo-gateway.yaml (built in)";

  private DemoConfig() {}

  public static String yaml() {
    try (InputStream in = DemoConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The demo configuration with its providers at {@code simulatorApiUrl} (e.g. {@code http://127.0.0.1:40123/v1}). */
  public static GatewayConfig load(String simulatorApiUrl) {
    return GatewayConfigLoader.parse(yaml().replace(SIMULATOR_API_URL, simulatorApiUrl), SOURCE);
  }

  /** The placeholder for {@link #SIMULATOR_KEY_ENV} when the environment does not set it; null for any other variable. */
  public static String simulatorKeyFallback(String variable) {
    return SIMULATOR_KEY_ENV.equals(variable) ? SIMULATOR_KEY_PLACEHOLDER : null;
  }
}
