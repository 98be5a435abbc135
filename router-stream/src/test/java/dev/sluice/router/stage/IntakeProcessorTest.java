package dev.sluice.router.stage;

import static dev.sluice.router.fixtures.Fixtures.ALPHA_KEY;
import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static dev.sluice.router.fixtures.RouterDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.FixedReplyTopicDirectory;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.serde.RequestDecoder;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeProcessorTest {
  private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
  private final IntakeProcessor intake = new IntakeProcessor(new RequestDecoder(RouterDriver.SERDES),
      new ReplyTopics(FixedReplyTopicDirectory.of(APP_REPLIES)));

  @BeforeEach
  void init() {
    context.setRecordMetadata(TopicNames.REQUESTS, 2, 17);
    intake.init(context);
  }

  @Test
  void avroRequestBecomesAnInboundWithTheKeyHashedAndRemoved() {
    LlmRequest request = Fixtures.request("req-1").build();
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.VIRTUAL_KEY, utf8(ALPHA_KEY));

    intake.process(new Record<>(utf8("any-key"), RouterDriver.SERDES.requests().serialize(TopicNames.REQUESTS, request),
        SENT.toEpochMilli(), headers));

    CapturedForward<?, ?> forward = single(context.forwarded());
    assertThat(forward.childName()).hasValue(Nodes.VALIDATE);
    assertThat(forward.record().key()).isEqualTo("req-1");
    assertThat(forward.record().headers().toArray()).as("source headers stay behind").isEmpty();
    Inbound in = (Inbound) forward.record().value();
    assertThat(in.keySha256()).isEqualTo(Sha256.hex(ALPHA_KEY));
    assertThat(in.request().getVirtualKey()).isNull();
    assertThat(in.request().getMessages()).isEqualTo(request.getMessages());
    assertThat(in.position()).isEqualTo("llm.requests-2-17");
    assertThat(in.receivedAt()).isEqualTo(SENT);
    assertThat(in.prompt()).isEqualTo(PromptDigest.of(request.getMessages()));
  }

  @Test
  void jsonLineWithoutAnIdHeaderOrRecordKeyIsNamedByItsPosition() {
    String line = "{\"custom_id\":\"c-1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
        + "\"body\":{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}";

    intake.process(new Record<>(null, utf8(line), SENT.toEpochMilli(), new RecordHeaders()));

    Inbound in = (Inbound) single(context.forwarded()).record().value();
    assertThat(in.request().getRequestId()).isEqualTo("llm.requests-2-17");
    assertThat(in.requestId()).isEqualTo("llm.requests-2-17");
    assertThat(in.keySha256()).as("no key sent").isNull();
  }

  @Test
  void undecodableRecordWithAUsableReplyTopicGoesToTheDeadLetterTopicAndIsRejected() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.REPLY_TOPIC, utf8(APP_REPLIES));

    intake.process(new Record<>(utf8("k-9"), utf8("{\"custom_id\":1}"), SENT.toEpochMilli(), headers));

    assertThat(context.forwarded()).extracting(f -> f.childName().orElseThrow())
        .containsExactly(Nodes.TO_DEAD_LETTER, Nodes.REJECT);
    Rejection rejection = (Rejection) context.forwarded(Nodes.REJECT).get(0).record().value();
    assertThat(rejection.requestId()).as("the record key, as no id header was sent").isEqualTo("k-9");
    assertThat(rejection.replyTopic()).isEqualTo(APP_REPLIES);
    assertThat(rejection.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(rejection.position()).isEqualTo("llm.requests-2-17");
    assertThat(rejection.caller()).isNull();
  }

  @Test
  void undecodableRecordNamingASluiceTopicForRepliesIsNotAnswered() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.REPLY_TOPIC, utf8(TopicNames.REQUESTS));

    intake.process(new Record<>(null, new byte[] {1, 2, 3}, SENT.toEpochMilli(), headers));

    assertThat(context.forwarded()).extracting(f -> f.childName().orElseThrow())
        .containsExactly(Nodes.TO_DEAD_LETTER);
  }

  @Test
  void tombstoneGoesToTheDeadLetterTopic() {
    intake.process(new Record<>(utf8("k"), null, SENT.toEpochMilli()));

    CapturedForward<?, ?> forward = single(context.forwarded());
    assertThat(forward.childName()).hasValue(Nodes.TO_DEAD_LETTER);
    assertThat(forward.record().value()).isNull();
  }

  private static CapturedForward<?, ?> single(List<? extends CapturedForward<?, ?>> forwards) {
    assertThat(forwards).hasSize(1);
    return forwards.get(0);
  }
}
