package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.health;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider health from llm.provider-health reorders route "smart" (openai/gpt-4o, then
 * anthropic/claude-sonnet-4): a primary whose circuit is open goes last while the fallback is
 * healthy. Each provider has one key, {@code default}.
 */
class RouterHealthTest {
  private static final RouteTarget OPENAI = new RouteTarget("openai", "gpt-4o", List.of());
  private static final RouteTarget ANTHROPIC = new RouteTarget("anthropic", "claude-sonnet-4", List.of());

  @TempDir
  Path stateDir;

  private RouterDriver router;

  @BeforeEach
  void start() {
    router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(), stateDir);
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void openPrimaryGoesLastAndTheFallbackGetsTheDispatch() {
    router.health(health("openai", "default", CircuitState.OPEN, NOW.plusSeconds(30), 400L));

    router.send(Fixtures.request("req-1").build());

    DispatchItem item = onlyDispatch(router.output(), "anthropic");
    assertThat(item.getTargets()).containsExactly(ANTHROPIC, OPENAI);
  }

  @Test
  void primaryWhoseOpenCircuitHasRunOutComesFirstAgain() {
    router.health(health("openai", "default", CircuitState.OPEN, NOW.minusSeconds(1), 400L));

    router.send(Fixtures.request("req-1").build());

    assertThat(onlyDispatch(router.output(), "openai").getTargets()).containsExactly(OPENAI, ANTHROPIC);
  }

  @Test
  void whenEveryTargetIsOpenTheRouteOrderStands() {
    router.health(health("openai", "default", CircuitState.OPEN, NOW.plusSeconds(30), 400L));
    router.health(health("anthropic", "default", CircuitState.OPEN, NOW.plusSeconds(30), 300L));

    router.send(Fixtures.request("req-1").build());

    assertThat(onlyDispatch(router.output(), "openai").getTargets()).containsExactly(OPENAI, ANTHROPIC);
  }

  @Test
  void aLatencyRouteSendsToTheTargetWithTheLowestMedianFirst() {
    router.close();
    String latencyRoute = Fixtures.YAML.replace("  smart:\n    targets:", "  smart:\n    strategy: latency\n    targets:");
    router = new RouterDriver(GatewayConfigLoader.parse(latencyRoute, "latency.yaml"), FixedReplyTopicDirectory.of(), stateDir);
    router.health(health("openai", "default", CircuitState.CLOSED, null, 400L));
    router.health(health("anthropic", "default", CircuitState.CLOSED, null, 120L));

    router.send(Fixtures.request("req-1").build());

    assertThat(onlyDispatch(router.output(), "anthropic").getTargets()).containsExactly(ANTHROPIC, OPENAI);
  }

  @Test
  void latestHealthRecordCountsAndATombstoneForgetsIt() {
    router.health(health("openai", "default", CircuitState.OPEN, NOW.plusSeconds(30), 400L));
    router.send(Fixtures.request("req-1").build());
    assertThat(onlyDispatch(router.output(), "anthropic").getTargets()).containsExactly(ANTHROPIC, OPENAI);

    router.health(health("openai", "default", CircuitState.HALF_OPEN, null, 400L));
    router.send(Fixtures.request("req-2").build());
    assertThat(onlyDispatch(router.output(), "openai").getTargets()).containsExactly(OPENAI, ANTHROPIC);

    router.health(health("openai", "default", CircuitState.OPEN, NOW.plusSeconds(30), 400L));
    router.forgetHealth("openai", "default");
    router.send(Fixtures.request("req-3").build());
    assertThat(onlyDispatch(router.output(), "openai").getTargets()).containsExactly(OPENAI, ANTHROPIC);
  }

  private static DispatchItem onlyDispatch(Output out, String provider) {
    assertThat(out.topics()).containsExactly(TopicNames.dispatch(provider));
    assertThat(out.dispatched(provider)).hasSize(1);
    return out.dispatched(provider).get(0).value.getItems().get(0);
  }
}
