package dev.sluice.gateway;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.Usage;
import java.time.Instant;
import java.util.List;

/** Replies as the gateway would write them. */
final class Replies {
  private Replies() {}

  static LlmReply ok(String requestId, String content) {
    return LlmReply.newBuilder()
        .setRequestId(requestId)
        .setStatus(ReplyStatus.OK)
        .setContent(content)
        .setFinishReason("stop")
        .setUsage(new Usage(12, 85))
        .setProvider("anthropic")
        .setModel("claude-sonnet-4")
        .setCostMicros(1_311)
        .setLatencyMs(131)
        .setAttempts(List.of(
            new Attempt("openai", "gpt-4o", "rate_limited", 429, 12L, false, null, 0, null, 0L),
            new Attempt("anthropic", "claude-sonnet-4", "ok", 200, 118L, true, null, 0, null, 0L)))
        .setCompletedAt(Instant.parse("2026-11-21T10:00:00Z"))
        .build();
  }

  static LlmReply error(String requestId, ErrorCode code, String message) {
    return LlmReply.newBuilder()
        .setRequestId(requestId)
        .setStatus(ReplyStatus.ERROR)
        .setError(code.toError(message, null))
        .setLatencyMs(4)
        .setCompletedAt(Instant.parse("2026-11-21T10:00:00Z"))
        .build();
  }
}
