package dev.sluice.router.stage;

import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.ErrorInfo;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class RejectProcessorTest {
  private final Inbound in = Inbound.of(Fixtures.request("req-1").setReplyTopic("app.replies").build(),
      "llm.requests-4-99", SENT);
  private final Rejection rejection = Rejection.of(in, ErrorCode.INVALID_REQUEST, "max_tokens", "too many");

  @Test
  void replyIsAnErrorInTheOpenAiShape() {
    LlmReply reply = RejectProcessor.reply(rejection, NOW);

    assertThat(reply.getRequestId()).isEqualTo("req-1");
    assertThat(reply.getCorrelationId()).isEqualTo("corr-req-1");
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.ERROR);
    assertThat(reply.getError()).isEqualTo(new ErrorInfo("invalid_request_error", "invalid_request", "too many",
        "max_tokens"));
    assertThat(reply.getLatencyMs()).isEqualTo(250);
    assertThat(reply.getCompletedAt()).isEqualTo(NOW);
    assertThat(reply.getContent()).isNull();
    assertThat(reply.getCostMicros()).isZero();
  }

  @Test
  void auditEventHasHashesAndSizesAndAnIdStableUnderReplay() {
    Caller caller = new Caller("key-beta", "acme", "payments");
    AuditEvent audit = RejectProcessor.audit(rejection.withCaller(caller), NOW);

    assertThat(audit.getEventId()).isEqualTo("llm.requests-4-99/request.rejected");
    assertThat(audit.getAction()).isEqualTo("request.rejected");
    assertThat(audit.getOutcome()).isEqualTo("invalid_request");
    assertThat(audit.getErrorCode()).isEqualTo("invalid_request");
    assertThat(audit.getKeyId()).isEqualTo("key-beta");
    assertThat(audit.getOrg()).isEqualTo("acme");
    assertThat(audit.getTeam()).isEqualTo("payments");
    assertThat(audit.getModel()).isEqualTo("smart");
    assertThat(audit.getPromptSha256()).isEqualTo(in.prompt().sha256());
    assertThat(audit.getPromptLength()).isEqualTo(in.prompt().chars());
    assertThat(audit.getTime()).isEqualTo(NOW);
    assertThat(audit.getProvider()).isNull();
  }

  @Test
  void replyClockBeforeTheRecordTimeGivesZeroLatencyNotNegative() {
    assertThat(RejectProcessor.reply(rejection, SENT.minusSeconds(5)).getLatencyMs()).isZero();
  }

  @Test
  void processorWritesOneReplyAddressedToTheReplyTopicAndOneAuditEvent() {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    WindowStore<String, DedupeEntry> dedupe = Stores.windowStoreBuilder(
            Stores.inMemoryWindowStore(RouterStores.DEDUPE, Duration.ofHours(1), Duration.ofHours(1), false),
            Serdes.String(), RouterDriver.SERDES.dedupeEntries())
        .withLoggingDisabled().build();
    dedupe.init(context.getStateStoreContext(), dedupe);
    context.addStateStore(dedupe);
    RejectProcessor reject = new RejectProcessor(Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    reject.init(context);

    reject.process(new Record<>("req-1", rejection, SENT.toEpochMilli()));

    assertThat(context.forwarded()).hasSize(2);
    Addressed<?> reply = (Addressed<?>) context.forwarded(Nodes.TO_REPLIES).get(0).record().value();
    assertThat(reply.topic()).isEqualTo("app.replies");
    assertThat(reply.value()).isEqualTo(RejectProcessor.reply(rejection, NOW));
    assertThat(context.forwarded(Nodes.TO_AUDIT).get(0).record().value())
        .isEqualTo(RejectProcessor.audit(rejection, NOW));
  }
}
