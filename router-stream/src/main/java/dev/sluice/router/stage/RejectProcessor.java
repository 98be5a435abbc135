package dev.sluice.router.stage;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.DedupeState;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The end of a rejected request: exactly one error reply, to {@value Nodes#TO_REPLIES} addressed
 * to the rejection's reply topic, and exactly one audit event, to {@value Nodes#TO_AUDIT}. Both
 * are keyed by request id. The audit event carries the prompt's hash and size, never its text.
 *
 * <p>A request rejected after it was admitted by dedupe (over budget) has a dedupe entry in this
 * task: the error reply becomes its outcome, so a duplicate gets the same answer. Nothing waits in
 * that entry yet, since admission and rejection happen while processing the same record.
 */
public final class RejectProcessor extends ContextualProcessor<String, Rejection, String, Object> {
  public static final String ACTION = "request.rejected";

  private final Duration dedupeWindow;
  private final Clock clock;
  private DedupeEntries entries;

  /**
   * @param dedupeWindow how long a request id is remembered, in record time
   * @param clock "now" for reply and audit times
   */
  public RejectProcessor(Duration dedupeWindow, Clock clock) {
    this.dedupeWindow = dedupeWindow;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    entries = new DedupeEntries(context, dedupeWindow);
  }

  @Override
  public void process(Record<String, Rejection> record) {
    Rejection rejection = record.value();
    Instant now = clock.instant();
    LlmReply reply = reply(rejection, now);
    context().forward(record.withValue(new Addressed<>(rejection.replyTopic(), reply)), Nodes.TO_REPLIES);
    context().forward(record.withValue(audit(rejection, now)), Nodes.TO_AUDIT);
    if (rejection.dedupeKey() != null) {
      entries.newest(rejection.dedupeKey())
          .filter(entry -> entry.getState() == DedupeState.IN_FLIGHT)
          .ifPresent(entry -> entries.save(rejection.dedupeKey(), DedupeEntry.newBuilder(entry)
              .setState(DedupeState.DONE).setReply(reply).setWaiters(new ArrayList<>()).build()));
    }
  }

  public static LlmReply reply(Rejection r, Instant now) {
    return LlmReply.newBuilder()
        .setRequestId(r.requestId())
        .setCorrelationId(r.correlationId())
        .setStatus(ReplyStatus.ERROR)
        .setError(r.code().toError(r.message(), r.param()))
        .setLatencyMs(ReplyLatency.millis(r.receivedAt(), now))
        .setCompletedAt(now)
        .build();
  }

  /** The event id derives from the request's position, so a replay writes the same event. */
  public static AuditEvent audit(Rejection r, Instant now) {
    return AuditEvent.newBuilder()
        .setEventId(r.position() + "/" + ACTION)
        .setTime(now)
        .setRequestId(r.requestId())
        .setKeyId(r.caller() == null ? null : r.caller().getKeyId())
        .setOrg(r.caller() == null ? null : r.caller().getOrg())
        .setTeam(r.caller() == null ? null : r.caller().getTeam())
        .setAction(ACTION)
        .setOutcome(r.code().code())
        .setErrorCode(r.code().code())
        .setModel(r.model())
        .setPromptSha256(r.prompt() == null ? null : r.prompt().sha256())
        .setPromptLength(r.prompt() == null ? null : r.prompt().chars())
        .setLatencyMs(ReplyLatency.millis(r.receivedAt(), now))
        .build();
  }
}
