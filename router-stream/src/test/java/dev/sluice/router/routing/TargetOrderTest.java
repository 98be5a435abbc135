package dev.sluice.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.ProviderHealthKey;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.config.RouteConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetOrderTest {
  private static final String YAML = """
      providers:
        openai:
          type: openai
          base_url: https://api.openai.com/v1
          keys:
            - {id: primary, api_key_env: OPENAI_KEY_A}
            - {id: backup, api_key_env: OPENAI_KEY_B}
          models:
            gpt-4o: {input_per_million: 2.50, output_per_million: 10.00}
        anthropic:
          type: anthropic
          base_url: https://api.anthropic.com/v1
          api_key_env: ANTHROPIC_API_KEY
          models:
            claude-sonnet-4: {input_per_million: 3.00, output_per_million: 15.00}
        together:
          type: openai-compatible
          base_url: https://api.together.xyz/v1
          models:
            llama: {input_per_million: 0.90, output_per_million: 0.90}
      routes:
        listed:
          targets:
            - {provider: openai, model: gpt-4o, keys: [backup]}
            - {provider: anthropic, model: claude-sonnet-4}
            - {provider: together, model: llama}
        shared:
          strategy: weighted
          targets:
            - {provider: openai, model: gpt-4o, weight: 3}
            - {provider: anthropic, model: claude-sonnet-4, weight: 1}
            - {provider: together, model: llama, weight: 1}
        fastest:
          strategy: latency
          targets:
            - {provider: openai, model: gpt-4o}
            - {provider: anthropic, model: claude-sonnet-4}
            - {provider: together, model: llama}
      """;
  private static final GatewayConfig CONFIG = GatewayConfigLoader.parse(YAML, "routing.yaml");
  private static final Instant NOW = Fixtures.NOW;
  private static final RouteTarget OPENAI = target("openai", "gpt-4o");
  private static final RouteTarget OPENAI_BACKUP = new RouteTarget("openai", "gpt-4o", List.of("backup"));
  private static final RouteTarget ANTHROPIC = target("anthropic", "claude-sonnet-4");
  private static final RouteTarget TOGETHER = target("together", "llama");

  private final TargetOrder order = new TargetOrder(CONFIG.providers());
  private final Map<String, ProviderHealth> health = new HashMap<>();
  private final ProviderHealthView view =
      (provider, keyId) -> Optional.ofNullable(health.get(ProviderHealthKey.of(provider, keyId)));

  @Test
  void orderedKeepsTheConfiguredOrderAndEachTargetsKeys() {
    assertThat(order("listed", "req-1")).containsExactly(OPENAI_BACKUP, ANTHROPIC, TOGETHER);
  }

  @Test
  void weightedDrawsTheFirstTargetInProportionToItsWeight() {
    Map<RouteTarget, Integer> firsts = new HashMap<>();
    int requests = 20_000;
    for (int i = 0; i < requests; i++) {
      firsts.merge(order("shared", "req-" + i).get(0), 1, Integer::sum);
    }

    assertThat(firsts.get(OPENAI) / (double) requests).isCloseTo(0.6, within(0.02));
    assertThat(firsts.get(ANTHROPIC) / (double) requests).isCloseTo(0.2, within(0.02));
    assertThat(firsts.get(TOGETHER) / (double) requests).isCloseTo(0.2, within(0.02));
  }

  @Test
  void weightedDrawIsTheSameForTheSameRequestIdAndTheOthersFollowAsConfigured() {
    for (int i = 0; i < 200; i++) {
      List<RouteTarget> first = order("shared", "req-" + i);
      assertThat(order("shared", "req-" + i)).as("replay of req-%d", i).isEqualTo(first);
      List<RouteTarget> others = new ArrayList<>(List.of(OPENAI, ANTHROPIC, TOGETHER));
      others.remove(first.get(0));
      assertThat(first.subList(1, 3)).isEqualTo(others);
    }
  }

  @Test
  void latencyPutsTheLowestMedianOfTheBestKeyFirstAndUnmeasuredTargetsBeforeAll() {
    health("openai", "primary", CircuitState.CLOSED, null, 900L);
    health("openai", "backup", CircuitState.CLOSED, null, 300L);
    health("anthropic", "default", CircuitState.CLOSED, null, 200L);

    assertThat(order("fastest", "req-1")).as("together has no health yet: measured first")
        .containsExactly(TOGETHER, ANTHROPIC, OPENAI);

    health("together", "default", CircuitState.CLOSED, null, 250L);
    assertThat(order("fastest", "req-1")).containsExactly(ANTHROPIC, TOGETHER, OPENAI);
  }

  @Test
  void latencyTiesKeepTheConfiguredOrder() {
    health("openai", "primary", CircuitState.CLOSED, null, 200L);
    health("anthropic", "default", CircuitState.CLOSED, null, 200L);
    health("together", "default", CircuitState.CLOSED, null, 200L);

    assertThat(order("fastest", "req-1")).containsExactly(OPENAI, ANTHROPIC, TOGETHER);
  }

  @Test
  void latencyLeavesOutTheMedianOfAKeyWhoseCircuitIsOpen() {
    health("openai", "primary", CircuitState.CLOSED, null, 900L);
    health("openai", "backup", CircuitState.OPEN, NOW.plusSeconds(30), 100L);
    health("anthropic", "default", CircuitState.CLOSED, null, 200L);
    health("together", "default", CircuitState.CLOSED, null, 500L);

    assertThat(order("fastest", "req-1")).containsExactly(ANTHROPIC, TOGETHER, OPENAI);
  }

  @Test
  void targetWhoseAllowedKeysAreAllOpenGoesLast() {
    health("openai", "primary", CircuitState.OPEN, NOW.plusSeconds(30), null);
    assertThat(order("listed", "req-1")).as("listed's openai target may only use backup, which is closed")
        .containsExactly(OPENAI_BACKUP, ANTHROPIC, TOGETHER);
    assertThat(order("fastest", "req-1")).as("fastest's openai target may still use backup")
        .containsExactly(OPENAI, ANTHROPIC, TOGETHER);

    health("openai", "backup", CircuitState.OPEN, NOW.plusSeconds(30), null);
    assertThat(order("listed", "req-1")).containsExactly(ANTHROPIC, TOGETHER, OPENAI_BACKUP);
    assertThat(order("fastest", "req-1")).containsExactly(ANTHROPIC, TOGETHER, OPENAI);
  }

  @Test
  void halfOpenAndRunOutCircuitsKeepTheirPlace() {
    health("openai", "backup", CircuitState.HALF_OPEN, null, null);
    assertThat(order("listed", "req-1")).containsExactly(OPENAI_BACKUP, ANTHROPIC, TOGETHER);

    health("openai", "backup", CircuitState.OPEN, NOW, null);
    assertThat(order("listed", "req-1")).as("open until now: trial calls go through")
        .containsExactly(OPENAI_BACKUP, ANTHROPIC, TOGETHER);
  }

  @Test
  void openTargetsGoLastAfterTheWeightedDrawAndAllOpenKeepsTheDraw() {
    String id = idDrawing(OPENAI);
    health("openai", "primary", CircuitState.OPEN, NOW.plusSeconds(30), null);
    health("openai", "backup", CircuitState.OPEN, NOW.plusSeconds(30), null);
    assertThat(order("shared", id)).containsExactly(ANTHROPIC, TOGETHER, OPENAI);

    health("anthropic", "default", CircuitState.OPEN, NOW.plusSeconds(30), null);
    health("together", "default", CircuitState.OPEN, NOW.plusSeconds(30), null);
    assertThat(order("shared", id)).containsExactly(OPENAI, ANTHROPIC, TOGETHER);
  }

  private String idDrawing(RouteTarget wanted) {
    for (int i = 0; ; i++) {
      if (order("shared", "req-" + i).get(0).equals(wanted)) {
        return "req-" + i;
      }
    }
  }

  private List<RouteTarget> order(String route, String requestId) {
    RouteConfig config = CONFIG.routes().get(route);
    return order.order(config, requestId, view, NOW);
  }

  private void health(String provider, String keyId, CircuitState state, Instant openUntil, Long p50Ms) {
    health.put(ProviderHealthKey.of(provider, keyId),
        Fixtures.health(provider, keyId, state, openUntil, p50Ms));
  }

  private static RouteTarget target(String provider, String model) {
    return new RouteTarget(provider, model, List.of());
  }
}
