package dev.sluice.router.stage;

import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ErrorInfo;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.Usage;
import java.time.Instant;

/** The reply a duplicate request gets, and its audit event; see {@link DedupeProcessor} for the rule. */
final class DuplicateReplies {
  static final String ACTION = "request.deduplicated";

  private DuplicateReplies() {}

  /** The first request's terminal reply, for a duplicate: identical but for the correlation id. */
  static LlmReply copy(LlmReply first, String correlationId) {
    return LlmReply.newBuilder(first).setCorrelationId(correlationId).build();
  }

  /**
   * The audit event of a copy, describing the reply it repeats; the caller is for the caller of
   * this to add, where it is known.
   *
   * @param eventId stable under replay: derived from the position of the record that causes it
   */
  static AuditEvent.Builder audit(String eventId, LlmReply first, Instant now) {
    ErrorInfo error = first.getError();
    Usage usage = first.getUsage();
    String content = first.getContent();
    return AuditEvent.newBuilder()
        .setEventId(eventId)
        .setTime(now)
        .setRequestId(first.getRequestId())
        .setAction(ACTION)
        .setOutcome(outcome(first))
        .setErrorCode(error == null ? null : error.getCode())
        .setProvider(first.getProvider())
        .setModel(first.getModel())
        .setCompletionSha256(content == null ? null : Sha256.hex(content))
        .setCompletionLength(content == null ? null : content.length())
        .setInputTokens(usage == null ? null : usage.getInputTokens())
        .setOutputTokens(usage == null ? null : usage.getOutputTokens());
  }

  /** {@code ok}, {@code truncated} or the error code: the outcomes the workers' audit events use. */
  static String outcome(LlmReply reply) {
    return switch (reply.getStatus()) {
      case OK -> "ok";
      case TRUNCATED -> "truncated";
      case ERROR -> reply.getError() == null ? "error" : reply.getError().getCode();
    };
  }
}
