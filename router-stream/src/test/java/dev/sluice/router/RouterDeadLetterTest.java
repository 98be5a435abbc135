package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.ALPHA_KEY;
import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static dev.sluice.router.fixtures.Output.header;
import static dev.sluice.router.fixtures.RouterDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.LlmReply;
import java.nio.file.Path;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that cannot be routed go to llm.dead-letter with the reason, and a reply where one can be sent. */
class RouterDeadLetterTest {
  @TempDir
  Path stateDir;

  @Test
  void undecodableBytesGoToTheDeadLetterTopicWithTheReasonAndNoReply() {
    byte[] garbage = {0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01};
    try (RouterDriver router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(APP_REPLIES), stateDir)) {
      router.send(utf8("some-key"), garbage, new RecordHeaders());
      Output out = router.output();

      assertThat(out.topics()).containsExactly(TopicNames.DEAD_LETTER);
      assertThat(out.raw(TopicNames.DEAD_LETTER)).hasSize(1);
      TestRecord<byte[], byte[]> dead = out.raw(TopicNames.DEAD_LETTER).get(0);
      assertThat(dead.key()).isEqualTo(utf8("some-key"));
      assertThat(dead.value()).isEqualTo(garbage);
      assertThat(dead.getRecordTime()).isEqualTo(SENT);
      assertThat(header(dead, SluiceHeaders.DLQ_REASON)).isEqualTo("undecodable request: first bytes 7f454c460201 "
          + "(6 bytes) are neither Avro (single-object c301 or registry 00) nor a JSON object");
      assertThat(header(dead, SluiceHeaders.DLQ_STAGE)).isEqualTo("intake");
      assertThat(header(dead, SluiceHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(TopicNames.REQUESTS);
      assertThat(header(dead, SluiceHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("0");
      assertThat(header(dead, SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("0");
    }
  }

  @Test
  void jsonThatIsNotABatchLineGoesToTheDeadLetterTopicAndGetsAnErrorReply() {
    byte[] json = utf8("{\"model\":\"smart\",\"messages\":[]}");
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.VIRTUAL_KEY, utf8(ALPHA_KEY));
    headers.add(SluiceHeaders.REPLY_TOPIC, utf8(APP_REPLIES));
    headers.add(SluiceHeaders.REQUEST_ID, utf8("job-1-line-1"));
    try (RouterDriver router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(APP_REPLIES), stateDir)) {
      router.send(utf8("job-1"), json, headers);
      Output out = router.output();

      assertThat(out.topics()).containsExactlyInAnyOrder(TopicNames.DEAD_LETTER, APP_REPLIES, TopicNames.AUDIT);
      TestRecord<byte[], byte[]> dead = out.raw(TopicNames.DEAD_LETTER).get(0);
      assertThat(dead.value()).isEqualTo(json);
      assertThat(header(dead, SluiceHeaders.DLQ_REASON))
          .isEqualTo("custom_id is required and must be a non-empty string");
      assertThat(header(dead, SluiceHeaders.REPLY_TOPIC)).as("original headers are kept").isEqualTo(APP_REPLIES);
      assertThat(header(dead, SluiceHeaders.VIRTUAL_KEY)).as("except the key").isNull();

      assertThat(out.replies(APP_REPLIES)).hasSize(1);
      KeyValue<String, LlmReply> reply = out.replies(APP_REPLIES).get(0);
      assertThat(reply.key).isEqualTo("job-1-line-1");
      assertThat(reply.value.getError().getCode()).isEqualTo("invalid_request");
      assertThat(reply.value.getError().getParam()).isNull();
      assertThat(reply.value.getError().getMessage())
          .isEqualTo("the request could not be decoded: custom_id is required and must be a non-empty string");

      assertThat(out.audits()).hasSize(1);
      AuditEvent audit = out.audits().get(0).value;
      assertThat(audit.getRequestId()).isEqualTo("job-1-line-1");
      assertThat(audit.getOutcome()).isEqualTo("invalid_request");
      assertThat(audit.getPromptSha256()).isNull();
      assertThat(out.containsAnywhere(ALPHA_KEY)).as("raw key in an output record").isFalse();
    }
  }

  @Test
  void undecodableRecordNamingAMissingReplyTopicGetsNoReply() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.REPLY_TOPIC, utf8("app.gone"));
    try (RouterDriver router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(APP_REPLIES), stateDir)) {
      router.send(null, utf8("{not json"), headers);

      assertThat(router.output().topics()).containsExactly(TopicNames.DEAD_LETTER);
    }
  }

  @Test
  void stageThatThrowsSendsTheRecordToTheDeadLetterTopicAndTheRouterCarriesOn() {
    ReplyTopicDirectory failing = topic -> {
      if (topic.equals("app.boom")) {
        throw new IllegalStateException("directory unavailable");
      }
      return topic.equals(APP_REPLIES);
    };
    try (RouterDriver router = new RouterDriver(Fixtures.config(), failing, stateDir)) {
      router.send(Fixtures.request("req-boom").setReplyTopic("app.boom").build());
      router.send(Fixtures.request("req-fine").setReplyTopic(APP_REPLIES).build());
      Output out = router.output();

      assertThat(out.topics()).containsExactlyInAnyOrder(TopicNames.DEAD_LETTER, TopicNames.dispatch("openai"));
      TestRecord<byte[], byte[]> dead = out.raw(TopicNames.DEAD_LETTER).get(0);
      assertThat(dead.key()).isEqualTo(utf8("req-boom"));
      assertThat(dead.value()).as("an Avro request may hold the key: left out").isNull();
      assertThat(header(dead, SluiceHeaders.DLQ_STAGE)).isEqualTo("validate");
      assertThat(header(dead, SluiceHeaders.DLQ_REASON))
          .isEqualTo("stage validate failed: java.lang.IllegalStateException: directory unavailable");
      assertThat(header(dead, SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("0");
      assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-fine");
      assertThat(out.containsAnywhere(ALPHA_KEY)).as("raw key in an output record").isFalse();
    }
  }
}
