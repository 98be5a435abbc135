package dev.sluice.router.stage;

import java.util.List;
import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RouteProcessorTest {
  private static final Caller CALLER = new Caller("key-alpha", "acme", null);
  private final RouteProcessor route = new RouteProcessor(Fixtures.config().routes(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void providerModelIsSplitAtTheFirstSlash() {
    DispatchBatch batch = route.route(authenticated("req-1", "together/meta-llama/Llama-3-70b", null), NOW);

    assertThat(batch.getProvider()).isEqualTo("together");
    assertThat(batch.getModel()).isEqualTo("meta-llama/Llama-3-70b");
    assertThat(batch.getItems().get(0).getTargets()).containsExactly(new RouteTarget("together", "meta-llama/Llama-3-70b", List.of()));
  }

  @Test
  void replyTopicDefaultsToLlmReplies() {
    DispatchItem item = route.route(authenticated("req-1", "cheap", null), NOW).getItems().get(0);

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

  private static Authenticated authenticated(String requestId, String model, String replyTopic) {
    Inbound in = Inbound.of(Fixtures.request(requestId).setModel(model).setReplyTopic(replyTopic).build(),
        "llm.requests-0-1", SENT);
    return new Authenticated(in, CALLER);
  }
}
