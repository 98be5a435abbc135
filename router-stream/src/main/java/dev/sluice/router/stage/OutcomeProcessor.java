package dev.sluice.router.stage;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CacheFill;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.DedupeState;
import dev.sluice.schemas.avro.DedupeWaiter;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.RequestReservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other half of {@link DedupeProcessor}: reads the terminal replies that workers write to
 * llm.outcomes, keyed by {@link dev.sluice.schemas.DedupeKey}, for requests that passed dedupe.
 * The reply marks the entry DONE, and every duplicate that waited for it gets its copy (to its
 * reply topic, with its correlation id) and an audit event; then the waiters are cleared. The
 * first request's own reply was written by the worker: none is sent here. When the entry holds a
 * budget reservation, reply and reservation go on to {@value Nodes#BUDGET}; when it holds a
 * cache fill, reply and fill go on to {@value Nodes#CACHE}; and the entry is stored without
 * either: a reservation is settled, and an answer cached, once, by the first outcome.
 *
 * <p>The worker writes each outcome to the partition the dispatch item names, which is the
 * partition of llm.requests whose task holds the entry; llm.outcomes has as many partitions, so
 * outcome and entry meet in the same task. An outcome whose key has no entry (older than the
 * window, or never stored) is ignored, and so is one for an entry already DONE.
 */
public final class OutcomeProcessor extends ContextualProcessor<String, LlmReply, String, Object> {
  private static final Logger log = LoggerFactory.getLogger(OutcomeProcessor.class);

  private final Duration window;
  private final Clock clock;
  private DedupeEntries entries;

  /**
   * @param window how long a request id is remembered, in record time
   * @param clock "now" for the audit events of copies
   */
  public OutcomeProcessor(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    entries = new DedupeEntries(context, window);
  }

  @Override
  public void process(Record<String, LlmReply> record) {
    String key = record.key();
    LlmReply reply = record.value();
    if (key == null || reply == null) {
      log.debug("an outcome without key or reply at {} was ignored", position());
      return;
    }
    Optional<DedupeEntry> entry = entries.newest(key);
    if (entry.isEmpty()) {
      log.debug("the outcome of {} was ignored: no dedupe entry (older than the window, or never stored)", key);
      return;
    }
    if (entry.get().getState() == DedupeState.DONE) {
      log.debug("a second outcome of {} was ignored: its entry is already done", key);
      return;
    }
    answerWaiters(record, entry.get().getWaiters());
    entries.save(key, DedupeEntry.newBuilder(entry.get())
        .setState(DedupeState.DONE)
        .setReply(reply)
        .setWaiters(new ArrayList<>())
        .setReservation(null)
        .setCacheFill(null)
        .build());
    RequestReservation reservation = entry.get().getReservation();
    if (reservation != null) {
      context().forward(record.withValue(new Settlement(reply, reservation)), Nodes.BUDGET);
    }
    CacheFill fill = entry.get().getCacheFill();
    if (fill != null) {
      context().forward(record.withValue(new CacheFillRequest(reply, fill)), Nodes.CACHE);
    }
  }

  private void answerWaiters(Record<String, LlmReply> outcome, List<DedupeWaiter> waiters) {
    if (waiters.isEmpty()) {
      return;
    }
    LlmReply reply = outcome.value();
    Record<String, LlmReply> byRequestId = outcome.withKey(reply.getRequestId());
    String position = position();
    String org = org(outcome.key(), reply.getRequestId());
    Instant now = clock.instant();
    for (int i = 0; i < waiters.size(); i++) {
      DedupeWaiter waiter = waiters.get(i);
      LlmReply copy = DuplicateReplies.copy(reply, waiter.getCorrelationId());
      context().forward(byRequestId.withValue(new Addressed<>(waiter.getReplyTopic(), copy)), Nodes.TO_REPLIES);
      // One outcome answers several waiters: the index keeps their event ids apart, and stable under replay.
      AuditEvent.Builder audit = DuplicateReplies.audit(position + "/" + DuplicateReplies.ACTION + "/" + i, reply, now)
          .setOrg(org)
          .setPromptSha256(waiter.getPromptSha256())
          .setPromptLength(waiter.getPromptChars());
      if (waiter.getCaller() != null) {
        audit.setKeyId(waiter.getCaller().getKeyId()).setTeam(waiter.getCaller().getTeam());
      }
      if (waiter.getReceivedAt() != null) {
        audit.setLatencyMs(ReplyLatency.millis(waiter.getReceivedAt(), now));
      }
      context().forward(byRequestId.withValue(audit.build()), Nodes.TO_AUDIT);
    }
  }

  /**
   * The org of a dedupe key, {@code <org>/<request id>}: the part before the request id, whatever
   * either contains. The entry is scoped by it, so every waiter shares it.
   */
  static String org(String key, String requestId) {
    String suffix = "/" + requestId;
    return key.endsWith(suffix) ? key.substring(0, key.length() - suffix.length()) : null;
  }

  private String position() {
    return SourcePosition.of(SourcePosition.source(context(), Nodes.RECORD_OUTCOME));
  }
}
