package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.config.RouteTargetConfig;
import dev.sluice.schemas.config.VirtualKeyConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigTest {
  @Test
  void theShippedFileLoadsWithTheGatewayLoader(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("demo-gateway.yaml"), DemoConfig.yaml());

    GatewayConfig config = GatewayConfigLoader.load(file);

    assertThat(config.providers()).containsOnlyKeys("openai", "anthropic");
    assertThat(config.providers().get("anthropic").type()).isEqualTo("anthropic");
    assertThat(config.providers().values()).allSatisfy(p -> {
      assertThat(p.baseUrl()).isEqualTo(DemoConfig.SIMULATOR_API_URL);
      assertThat(p.apiKeyEnv()).isEqualTo(DemoConfig.SIMULATOR_KEY_ENV);
    });
    assertThat(config.model("openai", "gpt-4o-mini").orElseThrow().prices().inputMicrosPerMillion()).isEqualTo(150_000);
    assertThat(config.model("openai", "gpt-4o").orElseThrow().prices().outputMicrosPerMillion()).isEqualTo(10_000_000);
    assertThat(config.model("anthropic", "claude-haiku").orElseThrow().prices().inputMicrosPerMillion()).isEqualTo(800_000);
    assertThat(config.routes().get("smart").targets()).containsExactly(
        new RouteTargetConfig("openai", "gpt-4o"), new RouteTargetConfig("anthropic", "claude-sonnet-4"));
    assertThat(config.routes().get("fast").targets()).containsExactly(new RouteTargetConfig("openai", "gpt-4o-mini"));
    assertThat(config.routes().get("claude").targets()).containsExactly(new RouteTargetConfig("anthropic", "claude-sonnet-4"));
  }

  @Test
  void theDemoKeyIsStoredOnlyAsItsHash() throws Exception {
    VirtualKeyConfig key = DemoConfig.load(DemoConfig.SIMULATOR_API_URL).keys().get(0);
    String sha256 = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(DemoConfig.DEMO_KEY.getBytes(StandardCharsets.UTF_8)));

    assertThat(key.sha256()).isEqualTo(sha256);
    assertThat(DemoConfig.yaml()).doesNotContain("sk-sluice-demo\n").contains("sha256: " + sha256);
    assertThat(key.org()).isEqualTo("demo-org");
    assertThat(key.team()).isEqualTo("demo-team");
    assertThat(key.routes()).containsExactly("smart", "fast", "claude");
  }

  @Test
  void pointsTheProvidersAtWhereverTheSimulatorRuns() {
    GatewayConfig config = DemoConfig.load("http://127.0.0.1:40123/v1");

    assertThat(config.providers().values()).allSatisfy(p -> assertThat(p.baseUrl()).isEqualTo("http://127.0.0.1:40123/v1"));
  }

  @Test
  void suppliesAPlaceholderKeyOnlyForTheSimulatorVariable() {
    assertThat(DemoConfig.simulatorKeyFallback(DemoConfig.SIMULATOR_KEY_ENV)).isNotBlank();
    assertThat(DemoConfig.simulatorKeyFallback("OPENAI_API_KEY")).isNull();
  }
}
