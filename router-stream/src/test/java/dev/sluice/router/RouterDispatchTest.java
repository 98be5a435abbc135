package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.ALPHA_KEY;
import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.PROMPT;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static dev.sluice.router.fixtures.RouterDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.Lane;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.RouteTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests that pass every stage end on their first target's dispatch topic, without their key. */
class RouterDispatchTest {
  @TempDir
  Path stateDir;

  private RouterDriver router;

  @BeforeEach
  void start() {
    router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(APP_REPLIES), stateDir);
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void avroRequestForARouteIsDispatchedToItsFirstTargetWithEveryField() {
    LlmRequest request = Fixtures.request("req-1").setPriority(Priority.INTERACTIVE).build();

    router.send(request);
    Output out = router.output();

    // Interactive requests have a dispatch topic of their own, so no standard backlog delays them.
    assertThat(out.topics()).containsExactly(TopicNames.dispatch("openai", Lane.INTERACTIVE));
    List<KeyValue<String, DispatchBatch>> dispatched = out.dispatched("openai", Lane.INTERACTIVE);
    assertThat(dispatched).hasSize(1);
    assertThat(dispatched.get(0).key).isEqualTo("req-1");
    DispatchBatch batch = dispatched.get(0).value;
    assertThat(batch.getProvider()).isEqualTo("openai");
    assertThat(batch.getModel()).isEqualTo("gpt-4o");
    assertThat(batch.getCreatedAt()).isEqualTo(NOW);
    assertThat(batch.getBatchId()).isEqualTo("b-" + Sha256.hex("req-1\nopenai\ngpt-4o\n0").substring(0, 32));
    assertThat(batch.getItems()).hasSize(1);

    DispatchItem item = batch.getItems().get(0);
    assertThat(item.getRequestId()).isEqualTo("req-1");
    assertThat(item.getCorrelationId()).isEqualTo("corr-req-1");
    assertThat(item.getReplyTopic()).isEqualTo(TopicNames.REPLIES);
    assertThat(item.getRequestedModel()).isEqualTo("smart");
    assertThat(item.getMessages()).isEqualTo(request.getMessages());
    assertThat(item.getMaxTokens()).isEqualTo(256);
    assertThat(item.getTemperature()).isEqualTo(0.2);
    assertThat(item.getParametersJson()).isEqualTo("{\"top_p\":0.9}");
    assertThat(item.getMetadata()).isEqualTo(Map.of("workflow", "nightly-enrichment"));
    assertThat(item.getPriority()).isEqualTo(Priority.INTERACTIVE);
    assertThat(item.getDeadline()).isEqualTo(NOW.plusSeconds(60));
    assertThat(item.getReceivedAt()).isEqualTo(SENT);
    assertThat(item.getCaller()).isEqualTo(new Caller("key-alpha", "acme", null));
    assertThat(item.getRoute()).isEqualTo("smart");
    assertThat(item.getTargets()).containsExactly(
        new RouteTarget("openai", "gpt-4o", List.of()), new RouteTarget("anthropic", "claude-sonnet-4", List.of()));
    assertThat(item.getTargetIndex()).isZero();
    assertThat(item.getAttempts()).isEmpty();
    assertThat(item.getIntakePartition()).isZero();
    String canonical = "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\""
        + PROMPT + "\"}]";
    assertThat(item.getPromptSha256()).isEqualTo(Sha256.hex(canonical));
    assertThat(item.getPromptChars()).isEqualTo("Be brief.".length() + PROMPT.length());

    assertThat(out.containsAnywhere(ALPHA_KEY)).as("raw key in an output record").isFalse();
    assertThat(out.containsAnywhere(Sha256.hex(ALPHA_KEY))).as("key hash in an output record").isFalse();
  }

  @Test
  void providerSlashModelGoesToThatOneTargetWithoutARoute() {
    router.send(Fixtures.request("req-2").setModel("anthropic/claude-sonnet-4").build());

    Output out = router.output();
    assertThat(out.topics()).containsExactly(TopicNames.dispatch("anthropic"));
    DispatchItem item = out.dispatched("anthropic").get(0).value.getItems().get(0);
    assertThat(item.getRoute()).isNull();
    assertThat(item.getTargets()).containsExactly(new RouteTarget("anthropic", "claude-sonnet-4", List.of()));
  }

  @Test
  void jsonBatchLineWithKeyAndReplyTopicHeadersIsDispatchedWithoutTheKey() {
    String line = """
        {"custom_id":"line-7","method":"POST","url":"/v1/chat/completions",
         "body":{"model":"cheap","max_tokens":64,"messages":[{"role":"user","content":"%s"}]}}
        """.formatted(PROMPT).replace("\n", "");
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.VIRTUAL_KEY, utf8(ALPHA_KEY));
    headers.add(SluiceHeaders.REPLY_TOPIC, utf8(APP_REPLIES));
    headers.add(SluiceHeaders.REQUEST_ID, utf8("job-42-line-7"));
    headers.add(SluiceHeaders.METADATA_PREFIX + "team", utf8("search"));

    router.send(utf8("job-42"), utf8(line), headers);
    Output out = router.output();

    assertThat(out.topics()).containsExactly(TopicNames.dispatch("openai"));
    KeyValue<String, DispatchBatch> dispatched = out.dispatched("openai").get(0);
    assertThat(dispatched.key).isEqualTo("job-42-line-7");
    assertThat(dispatched.value.getModel()).isEqualTo("gpt-4o-mini");
    DispatchItem item = dispatched.value.getItems().get(0);
    assertThat(item.getRequestId()).isEqualTo("job-42-line-7");
    assertThat(item.getCorrelationId()).isEqualTo("line-7");
    assertThat(item.getReplyTopic()).isEqualTo(APP_REPLIES);
    assertThat(item.getMaxTokens()).isEqualTo(64);
    assertThat(item.getCaller()).as("the key has no team, so the metadata's counts")
        .isEqualTo(new Caller("key-alpha", "acme", "search"));
    assertThat(out.raw(TopicNames.dispatch("openai")).get(0).headers().toArray()).isEmpty();
    assertThat(out.containsAnywhere(ALPHA_KEY)).as("raw key in an output record").isFalse();
  }

  @Test
  void requestsAreIndependent() {
    router.send(Fixtures.request("req-a").build());
    router.send(Fixtures.request("req-b").setModel("anthropic/claude-sonnet-4").build());
    router.send(Fixtures.request("req-c").setModel("cheap").build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-a", "req-c");
    assertThat(out.dispatched("anthropic")).extracting(kv -> kv.key).containsExactly("req-b");
  }
}
