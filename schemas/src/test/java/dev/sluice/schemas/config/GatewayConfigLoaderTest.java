package dev.sluice.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
  private static final String VALID = TestConfigs.testGatewayYaml();

  @Test
  void loadsEverySection() {
    GatewayConfig config = GatewayConfigLoader.parse(VALID, "gateway.yaml");

    assertThat(config.limits().maxPromptChars()).isEqualTo(2000);
    assertThat(config.providers()).containsOnlyKeys("openai", "anthropic");
    assertThat(config.providers().get("anthropic").timeoutMs()).isEqualTo(ProviderConfig.DEFAULT_TIMEOUT_MS);
    assertThat(config.model("openai", "gpt-4o").orElseThrow().prices().inputMicrosPerMillion()).isEqualTo(2_500_000);
    assertThat(config.routes().get("smart").targets())
        .containsExactly(new RouteTargetConfig("openai", "gpt-4o"), new RouteTargetConfig("anthropic", "claude-sonnet-4"));
    assertThat(config.keys()).extracting(VirtualKeyConfig::id).containsExactly("test-key", "narrow-key");
    assertThat(config.keys().get(1).allows("fast")).isTrue();
    assertThat(config.keys().get(1).allows("smart")).isFalse();
  }

  @Test
  void namesFileLinePathAndProblemOfAnUnknownTargetModel() {
    String yaml = VALID.replace("- {provider: anthropic, model: claude-sonnet-4}\n  fast:", "- {provider: anthropic, model: claude-9}\n  fast:");

    assertThatThrownBy(() -> GatewayConfigLoader.parse(yaml, "gateway.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.yaml:27: routes.smart.targets[1].model: model 'claude-9' is not listed under providers.anthropic.models (known: [claude-sonnet-4])");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String yaml = VALID.replace("type: anthropic", "type: anthropik")
        .replace("input_per_million: 0.15", "input_per_million: -1")
        .replace("routes: [fast]", "routes: [fats]")
        .replace("db567a0dd8d24a1a894b3f1ceac157727179c1d15c226c5554dd1972d0fed479", "not-a-hash");

    ConfigException error = org.junit.jupiter.api.Assertions.assertThrows(
        ConfigException.class, () -> GatewayConfigLoader.parse(yaml, "g.yaml"));

    assertThat(error.problems()).containsExactlyInAnyOrder(
        "g.yaml:17: providers.anthropic.type: type must be one of [anthropic, openai, openai-compatible], but was 'anthropik'",
        "g.yaml:14: providers.openai.models.gpt-4o-mini.input_per_million: must be >= 0, but was -1",
        "g.yaml:36: keys[0].sha256: must be the lower-case hex SHA-256 of the key (64 characters), e.g. from `printf %s \"$KEY\" | sha256sum`",
        "g.yaml:43: keys[1].routes[0]: 'fats' is neither a route (known: [claude, fast, smart]), a configured provider/model, nor '*'");
  }

  @Test
  void aRoutesCacheSettingsOverrideTheTopLevelOnesFieldByField() {
    String yaml = VALID.replace("routes:\n", "cache: {ttl_seconds: 600, semantic: true}\nroutes:\n")
        .replace("  fast:\n    targets:", "  fast:\n    cache: {similarity_threshold: 0.9, semantic: false}\n    targets:");

    GatewayConfig config = GatewayConfigLoader.parse(yaml, "gateway.yaml");

    assertThat(config.cacheFor("fast")).isEqualTo(new CacheConfig(true, false, 600, 0.9, false));
    assertThat(config.cacheFor("smart")).isEqualTo(new CacheConfig(true, true, 600, 0.95, false));
    assertThat(config.cacheFor("openai/gpt-4o")).isEqualTo(config.cache());
    assertThat(GatewayConfigLoader.parse(VALID, "g.yaml").cache()).isEqualTo(CacheConfig.DEFAULTS);
  }

  @Test
  void theSemanticCacheIsUsedWhenTheDefaultsOrAnyRouteTurnItOn() {
    String onlyOneRoute = VALID.replace("  fast:\n    targets:", "  fast:\n    cache: {semantic: true}\n    targets:");
    String allButOneRoute = VALID.replace("routes:\n", "cache: {semantic: true}\nroutes:\n")
        .replace("  fast:\n    targets:", "  fast:\n    cache: {semantic: false}\n    targets:");

    assertThat(GatewayConfigLoader.parse(VALID, "g.yaml").usesSemanticCache()).isFalse();
    assertThat(GatewayConfigLoader.parse(onlyOneRoute, "g.yaml").usesSemanticCache()).isTrue();
    assertThat(GatewayConfigLoader.parse(allButOneRoute, "g.yaml").usesSemanticCache()).isTrue();
  }

  @Test
  void rejectsASimilarityThresholdOutsideZeroToOneAndATtlBelowOne() {
    String yaml = VALID.replace("  fast:\n    targets:", "  fast:\n    cache: {similarity_threshold: 1.2, ttl_seconds: 0}\n    targets:");

    ConfigException error = org.junit.jupiter.api.Assertions.assertThrows(
        ConfigException.class, () -> GatewayConfigLoader.parse(yaml, "g.yaml"));

    assertThat(error.problems()).containsExactlyInAnyOrder(
        "g.yaml:29: routes.fast.cache.ttl_seconds: must be > 0, but was 0",
        "g.yaml:29: routes.fast.cache.similarity_threshold: must be a cosine similarity in (0, 1], but was 1.2");
  }

  @Test
  void rejectsAnUnknownFieldWithItsPath() {
    String yaml = VALID.replace("    timeout_ms: 5000", "    timeout_msec: 5000");

    assertThatThrownBy(() -> GatewayConfigLoader.parse(yaml, "gateway.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.yaml:12: providers.openai.timeout_msec: unknown field 'timeout_msec'");
  }

  @Test
  void rejectsPricesFinerThanAMicroDollar() {
    String yaml = VALID.replace("output_per_million: 0.60", "output_per_million: 0.0000001");

    assertThatThrownBy(() -> GatewayConfigLoader.parse(yaml, "gateway.yaml"))
        .hasMessageContaining("providers.openai.models.gpt-4o-mini.output_per_million: amount 0.0000001 has more than 6 decimals");
  }

  @Test
  void quotesModelNamesWithDotsInPaths() {
    String yaml = VALID.replace("gpt-4o-mini: {input_per_million: 0.15", "gpt-4.1: {input_per_million: -2");

    assertThatThrownBy(() -> GatewayConfigLoader.parse(yaml, "gateway.yaml"))
        .hasMessageContaining("gateway.yaml:14: providers.openai.models[\"gpt-4.1\"].input_per_million: must be >= 0");
  }

  @Test
  void namesTheFileThatCannotBeRead(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> GatewayConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing + ": cannot read");
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), VALID);
    assertThat(GatewayConfigLoader.load(file).routes()).containsOnlyKeys("smart", "fast", "claude");
  }

  @Test
  void batchingDefaultsAreFilledInAndOverriddenFieldByField() {
    GatewayConfig defaults = GatewayConfigLoader.parse(VALID, "g.yaml");
    assertThat(defaults.batching()).isEqualTo(BatchingConfig.DEFAULTS);

    GatewayConfig config = GatewayConfigLoader.parse(VALID + """
        batching:
          deferred: {max_wait_ms: 500}
          jobs: {poll_interval_ms: 100}
        """, "g.yaml");

    assertThat(config.batching().deferred()).isEqualTo(new LaneBatching(1_000, 500, 200_000));
    assertThat(config.batching().standard()).isEqualTo(LaneBatching.STANDARD_DEFAULTS);
    assertThat(config.batching().jobs()).isEqualTo(new BatchJobsConfig(true, 60, 100));
  }

  @Test
  void rejectsBatchingLimitsBelowTheirMinimumWithTheirPath() {
    ConfigException error = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> GatewayConfigLoader.parse(VALID + """
            batching:
              standard: {max_items: 0, max_wait_ms: -1}
              jobs: {min_minutes_to_deadline: -5, poll_interval_ms: 0}
            """, "g.yaml"));

    assertThat(error.problems()).extracting(p -> p.substring(p.indexOf(": ") + 2)).containsExactlyInAnyOrder(
        "batching.standard.max_items: must be > 0, but was 0",
        "batching.standard.max_wait_ms: must be >= 0, but was -1",
        "batching.jobs.min_minutes_to_deadline: must be >= 0, but was -5",
        "batching.jobs.poll_interval_ms: must be > 0, but was 0");
  }

  @Test
  void batchPricesAreHalfTheRealtimeOnesUnlessConfiguredAndOnlyOpenAiAndAnthropicHaveABatchApi() {
    GatewayConfig config = GatewayConfigLoader.parse(VALID, "g.yaml");
    ModelConfig model = config.model("openai", "gpt-4o").orElseThrow();
    assertThat(model.batchPrices()).isEqualTo(new dev.sluice.schemas.money.Prices(1_250_000, 5_000_000));
    assertThat(config.providers().get("openai").batchApi()).isTrue();
    assertThat(new ModelConfig(new BigDecimal("2.50"), new BigDecimal("10.00"), new BigDecimal("2.00"), null)
        .batchPrices()).isEqualTo(new dev.sluice.schemas.money.Prices(2_000_000, 5_000_000));

    String compatible = VALID.replace("    type: anthropic", "    type: openai-compatible\n    batch_api: true");
    assertThatThrownBy(() -> GatewayConfigLoader.parse(compatible, "g.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers.anthropic.batch_api: only types [openai, anthropic] have a batch API");
  }
}
