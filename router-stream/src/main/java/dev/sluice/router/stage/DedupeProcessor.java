package dev.sluice.router.stage;

import static dev.sluice.router.stage.CallerText.echo;

import dev.sluice.schemas.DedupeKey;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.DedupeState;
import dev.sluice.schemas.avro.DedupeWaiter;
import dev.sluice.schemas.avro.LlmReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 4 (on llm.requests.by-org): a request id seen before gets the first request's outcome, not a second call.
 *
 * <p><b>The rule.</b> A duplicate gets a copy of the first request's terminal reply: same
 * content, status, cost and attempts; its own correlation id; no second provider call or charge.
 * The copy goes to the duplicate's own reply topic, keyed by the request id, with an audit event
 * {@value DuplicateReplies#ACTION}. Request ids are scoped by org ({@link DedupeKey}): one org
 * never receives another's answer.
 *
 * <ul>
 *   <li>First sight of a request id: its entry is stored IN_FLIGHT and the request goes on to
 *       {@value Nodes#CACHE} with the partition of this task, where the worker sends its
 *       terminal reply back through llm.outcomes ({@link OutcomeProcessor}). A cache hit
 *       ({@link CacheProcessor}) or a budget refusal ({@link RejectProcessor}) completes the entry at once.
 *   <li>A duplicate while the first is in flight: it waits in the entry, and gets its copy when
 *       the first's outcome arrives. At most {@value #MAX_WAITERS} wait; beyond that a duplicate
 *       is refused with {@code rate_limited}, so that one id cannot grow an entry without bound.
 *   <li>A duplicate once the first is done: its copy at once.
 * </ul>
 *
 * <p>Requests rejected before this stage (invalid, unauthorized, past their deadline) leave no
 * entry: a duplicate of one goes through the same checks again, which give the same answer,
 * unless what they check has changed in between (a deadline has passed since, a reply topic has
 * been created, a key has been revoked).
 *
 * <p><b>Time.</b> The window is measured in record time, the timestamps of llm.requests, not by
 * the wall clock: a duplicate is a request whose record time is less than a window after its
 * first's, and entries leave the store once its stream time has moved a window past them. A
 * router that was stopped for a while therefore still knows, after it restarts, the ids sent
 * within the window; and a producer that stamps records with wrong times moves the window.
 *
 * <p>Entries are kept per partition of llm.requests.by-org, where every request of an org
 * arrives whatever its record key on llm.requests: a duplicate is recognised however it was keyed.
 */
public final class DedupeProcessor extends ContextualProcessor<String, Authenticated, String, Object> {
  static final int MAX_WAITERS = 1_000;

  private final Duration window;
  private final Clock clock;
  private DedupeEntries entries;

  /**
   * @param window how long a request id is remembered, in record time
   * @param clock "now" for the audit events of copies
   */
  public DedupeProcessor(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    entries = new DedupeEntries(context, window);
  }

  @Override
  public void process(Record<String, Authenticated> byOrg) {
    Authenticated request = byOrg.value();
    // llm.requests.by-org is keyed by org; replies, events and dispatches are keyed by request id again.
    Record<String, Authenticated> record = byOrg.withKey(request.inbound().requestId());
    String key = DedupeKey.of(request.caller().getOrg(), request.inbound().requestId());
    Optional<DedupeEntry> first = entries.duplicated(key, record.timestamp());
    if (first.isEmpty()) {
      admit(record, key);
    } else if (first.get().getState() == DedupeState.DONE) {
      answer(record, first.get().getReply());
    } else {
      await(record, key, first.get());
    }
  }

  private void admit(Record<String, Authenticated> record, String key) {
    Authenticated request = record.value();
    DedupeEntry entry = DedupeEntry.newBuilder()
        .setRequestId(request.inbound().requestId())
        .setState(DedupeState.IN_FLIGHT)
        .setFirstSeen(Instant.ofEpochMilli(record.timestamp()))
        .setWaiters(new ArrayList<>())
        .build();
    entries.save(key, entry);
    int partition = SourcePosition.source(context(), Nodes.DEDUPE).partition();
    context().forward(record.withValue(new Admitted(request, partition, key, entry)), Nodes.CACHE);
  }

  private void answer(Record<String, Authenticated> record, LlmReply first) {
    Inbound in = record.value().inbound();
    Caller caller = record.value().caller();
    Instant now = clock.instant();
    LlmReply copy = DuplicateReplies.copy(first, in.request().getCorrelationId());
    context().forward(record.withValue(new Addressed<>(in.replyTopic(), copy)), Nodes.TO_REPLIES);
    AuditEvent audit = DuplicateReplies.audit(in.position() + "/" + DuplicateReplies.ACTION, first, now)
        .setKeyId(caller.getKeyId())
        .setOrg(caller.getOrg())
        .setTeam(caller.getTeam())
        .setPromptSha256(in.prompt().sha256())
        .setPromptLength(in.prompt().chars())
        .setLatencyMs(ReplyLatency.millis(in.receivedAt(), now))
        .build();
    context().forward(record.withValue(audit), Nodes.TO_AUDIT);
  }

  private void await(Record<String, Authenticated> record, String key, DedupeEntry first) {
    Inbound in = record.value().inbound();
    List<DedupeWaiter> waiters = first.getWaiters();
    if (waiters.size() >= MAX_WAITERS) {
      context().forward(record.withValue(Rejection.of(record.value(), ErrorCode.RATE_LIMITED, "request_id",
          "request_id '" + echo(in.requestId()) + "' already has " + waiters.size() + " duplicates waiting for its "
              + "first request's reply, the limit of " + MAX_WAITERS + "; send it again once that reply has arrived")),
          Nodes.REJECT);
      return;
    }
    List<DedupeWaiter> more = new ArrayList<>(waiters);
    more.add(DedupeWaiter.newBuilder()
        .setReplyTopic(in.replyTopic())
        .setCorrelationId(in.request().getCorrelationId())
        .setCaller(record.value().caller())
        .setPromptSha256(in.prompt().sha256())
        .setPromptChars(in.prompt().chars())
        .setReceivedAt(in.receivedAt())
        .build());
    entries.save(key, DedupeEntry.newBuilder(first).setWaiters(more).build());
  }
}
