package dev.sluice.schemas;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shared test configuration (test-gateway.yaml) for every module's tests. */
public final class TestConfigs {
  /** Secret of key {@code test-key} (org acme, team platform, routes smart, fast, claude). */
  public static final String TEST_KEY = "sk-test-1";
  /** Secret of key {@code narrow-key} (org globex, route fast only). */
  public static final String NARROW_KEY = "test";

  /** Values for the API-key variables test-gateway.yaml names (the simulator accepts any key). */
  public static final java.util.Map<String, String> PROVIDER_KEYS =
      java.util.Map.of("OPENAI_API_KEY", "sk-sim-openai", "ANTHROPIC_API_KEY", "sk-ant-sim");

  private TestConfigs() {}

  public static String testGatewayYaml() {
    try (InputStream in = TestConfigs.class.getResourceAsStream("test-gateway.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** test-gateway.yaml with every provider's base URL replaced, e.g. by a simulator's. */
  public static GatewayConfig testGateway(String providerBaseUrl) {
    return GatewayConfigLoader.parse(
        testGatewayYaml().replace("http://127.0.0.1:18080/v1", providerBaseUrl), "test-gateway.yaml");
  }

  public static GatewayConfig testGateway() {
    return GatewayConfigLoader.parse(testGatewayYaml(), "test-gateway.yaml");
  }
}
