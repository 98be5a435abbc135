package dev.sluice.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.schemas.TestConfigs;
import org.junit.jupiter.api.Test;

/** Key pools, resilience settings, route strategies and the dedupe window in gateway.yaml. */
class ResilienceConfigTest {
  private static final String VALID = TestConfigs.testGatewayYaml();

  private static final String POOL = """
      providers:
        openai:
          type: openai
          base_url: http://127.0.0.1:18080/v1
          keys:
            - {id: primary, api_key_env: OPENAI_KEY_A, weight: 3, rpm: 500, tpm: 200000}
            - {id: backup, api_key_env: OPENAI_KEY_B}
          resilience: {max_retries: 4, backoff_initial_ms: 50, circuit_open_ms: 1000, max_concurrent: 8}
          models:
            gpt-4o: {input_per_million: 2.50, output_per_million: 10.00}
      routes:
        smart:
          strategy: weighted
          fallback_on: [context_length]
          targets:
            - {provider: openai, model: gpt-4o, weight: 2, keys: [backup]}
      dedupe: {window_minutes: 60}
      """;

  @Test
  void readsPoolsResilienceStrategiesAndTheDedupeWindow() {
    GatewayConfig config = GatewayConfigLoader.parse(POOL, "pool.yaml");

    ProviderConfig openai = config.providers().get("openai");
    assertThat(openai.keyPool()).containsExactly(
        new ProviderKeyConfig("primary", "OPENAI_KEY_A", 3, 500, 200_000),
        new ProviderKeyConfig("backup", "OPENAI_KEY_B", 1, null, null));
    assertThat(openai.resilience().maxRetries()).isEqualTo(4);
    assertThat(openai.resilience().backoffInitialMs()).isEqualTo(50);
    assertThat(openai.resilience().backoffMaxMs()).isEqualTo(10_000);
    assertThat(openai.resilience().maxConcurrent()).isEqualTo(8);
    RouteConfig smart = config.routes().get("smart");
    assertThat(smart.strategy()).isEqualTo(RouteConfig.WEIGHTED);
    assertThat(smart.fallbackOn()).containsExactly(RouteConfig.CONTEXT_LENGTH);
    assertThat(smart.targets().getFirst().weight()).isEqualTo(2);
    assertThat(smart.targets().getFirst().keys()).containsExactly("backup");
    assertThat(config.dedupe().windowMinutes()).isEqualTo(60);
  }

  @Test
  void aPlainApiKeyEnvIsAPoolOfOneDefaultKey() {
    GatewayConfig config = GatewayConfigLoader.parse(VALID, "gateway.yaml");

    assertThat(config.providers().get("openai").keyPool())
        .containsExactly(new ProviderKeyConfig(ProviderKeyConfig.DEFAULT_ID, "OPENAI_API_KEY", 1, null, null));
    assertThat(config.routes().get("smart").strategy()).isEqualTo(RouteConfig.ORDERED);
    assertThat(config.dedupe().windowMinutes()).isEqualTo(24 * 60);
  }

  @Test
  void namesEveryBadResilienceValue() {
    String yaml = POOL.replace("max_retries: 4", "max_retries: -1")
        .replace("circuit_open_ms: 1000", "circuit_open_ms: 1000, circuit_failure_rate: 150")
        .replace("strategy: weighted", "strategy: fastest")
        .replace("fallback_on: [context_length]", "fallback_on: [context_lenght]")
        .replace("keys: [backup]", "keys: [spare]")
        .replace("{id: backup, api_key_env: OPENAI_KEY_B}", "{id: primary, api_key_env: openai_key_b, weight: 0}")
        .replace("window_minutes: 60", "window_minutes: 0");

    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfigLoader.parse(yaml, "p.yaml"));

    assertThat(error.problems()).containsExactlyInAnyOrder(
        "p.yaml:7: providers.openai.keys[1].id: duplicate key id 'primary' in the pool",
        "p.yaml:7: providers.openai.keys[1].api_key_env: must name an environment variable (A-Z, 0-9, _), but was 'openai_key_b'",
        "p.yaml:7: providers.openai.keys[1].weight: must be > 0, but was 0",
        "p.yaml:8: providers.openai.resilience.max_retries: must be >= 0, but was -1",
        "p.yaml:8: providers.openai.resilience.circuit_failure_rate: must be a percentage from 1 to 100, but was 150",
        "p.yaml:13: routes.smart.strategy: strategy must be one of [ordered, weighted, latency], but was 'fastest'",
        "p.yaml:14: routes.smart.fallback_on[0]: must be one of [context_length, content_policy], but was 'context_lenght'",
        "p.yaml:16: routes.smart.targets[0].keys[0]: key 'spare' is not in providers.openai.keys (known: [primary])",
        "p.yaml:17: dedupe.window_minutes: must be > 0, but was 0");
  }

  @Test
  void refusesAPoolNextToASingleKey() {
    String yaml = POOL.replace("    keys:\n", "    api_key_env: OPENAI_API_KEY\n    keys:\n");

    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfigLoader.parse(yaml, "p.yaml"));

    assertThat(error.problems()).singleElement().asString()
        .contains("providers.openai.keys: give either keys (a pool, each with its own api_key_env, rpm, tpm) or api_key_env/rpm/tpm for one key, not both");
  }
}
