package dev.sluice.router.stage;

import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.routing.ProviderHealthView;
import dev.sluice.router.routing.TargetOrder;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteProcessorTest {
  private static final ProviderHealthView NONE = ProviderHealthView.NONE;
  private static final Caller CALLER = new Caller("key-alpha", "acme", null);
  private final RouteProcessor route = new RouteProcessor(Fixtures.config().routes(),
      new TargetOrder(Fixtures.config().providers()), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void providerModelIsSplitAtTheFirstSlash() {
    DispatchBatch batch = route.route(budgeted("req-1", "together/meta-llama/Llama-3-70b"), NONE, NOW);

    assertThat(batch.getProvider()).isEqualTo("together");
    assertThat(batch.getModel()).isEqualTo("meta-llama/Llama-3-70b");
    assertThat(batch.getItems().get(0).getTargets())
        .containsExactly(new RouteTarget("together", "meta-llama/Llama-3-70b", List.of()));
  }

  @Test
  void replyTopicDefaultsToLlmReplies() {
    DispatchItem item = route.route(budgeted("req-1", "cheap"), NONE, NOW).getItems().get(0);

    assertThat(item.getReplyTopic()).isEqualTo("llm.replies");
    assertThat(item.getRoute()).isEqualTo("cheap");
  }

  @Test
  void batchIdIsTheSameForTheSameDispatchAndDiffersOtherwise() {
    RouteTarget openai = new RouteTarget("openai", "gpt-4o", List.of());

    assertThat(RouteProcessor.batchId("req-1", openai, 0)).isEqualTo(RouteProcessor.batchId("req-1", openai, 0))
        .hasSize(34).startsWith("b-");
    assertThat(RouteProcessor.batchId("req-1", openai, 1)).isNotEqualTo(RouteProcessor.batchId("req-1", openai, 0));
    assertThat(RouteProcessor.batchId("req-2", openai, 0)).isNotEqualTo(RouteProcessor.batchId("req-1", openai, 0));
  }

  @Test
  void itemNamesThePartitionThatHoldsItsDedupeEntry() {
    Admitted admitted = new Admitted(admitted("req-1", "cheap", null).request(), 7, "acme/req-1", null);

    assertThat(route.route(new Budgeted(admitted, null, 0), NONE, NOW).getItems().get(0).getIntakePartition())
        .isEqualTo(7);
  }

  @Test
  void targetsOverTheRequestsCostCapAreSkipped() {
    Budgeted onlyClaude = new Budgeted(admitted("req-1", "smart", null), java.util.Set.of("anthropic/claude-sonnet-4"), 0);

    DispatchBatch batch = route.route(onlyClaude, NONE, NOW);

    assertThat(batch.getProvider()).isEqualTo("anthropic");
    assertThat(batch.getItems().get(0).getTargets()).extracting(RouteTarget::getModel).containsExactly("claude-sonnet-4");
  }

  private static Budgeted budgeted(String requestId, String model) {
    return new Budgeted(admitted(requestId, model, null), null, 0);
  }

  private static Admitted admitted(String requestId, String model, String replyTopic) {
    Inbound in = Inbound.of(Fixtures.request(requestId).setModel(model).setReplyTopic(replyTopic).build(),
        "llm.requests-0-1", SENT);
    return new Admitted(new Authenticated(in, CALLER), 0, null, null);
  }
}
