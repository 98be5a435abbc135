package dev.sluice.router.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import org.junit.jupiter.api.Test;

class DuplicateRepliesTest {

  @Test
  void copyDiffersOnlyInTheCorrelationIdAndLeavesTheFirstUntouched() {
    LlmReply first = Fixtures.reply("req-1");

    LlmReply copy = DuplicateReplies.copy(first, "corr-dup");

    assertThat(copy.getCorrelationId()).isEqualTo("corr-dup");
    assertThat(LlmReply.newBuilder(copy).setCorrelationId(first.getCorrelationId()).build()).isEqualTo(first);
    assertThat(first.getCorrelationId()).isEqualTo("corr-req-1");
  }

  @Test
  void auditOfAnErrorReplyNamesItsCode() {
    LlmReply failed = LlmReply.newBuilder(Fixtures.reply("req-1"))
        .setStatus(ReplyStatus.ERROR)
        .setContent(null)
        .setUsage(null)
        .setError(ErrorCode.ALL_TARGETS_FAILED.toError("all 2 targets failed", null))
        .build();

    AuditEvent audit = DuplicateReplies.audit("llm.requests-0-4/request.deduplicated", failed, Fixtures.NOW).build();

    assertThat(audit.getOutcome()).isEqualTo("all_targets_failed");
    assertThat(audit.getErrorCode()).isEqualTo("all_targets_failed");
    assertThat(audit.getCompletionSha256()).isNull();
    assertThat(audit.getInputTokens()).isNull();
  }

  @Test
  void outcomeOfATruncatedReply() {
    LlmReply truncated = LlmReply.newBuilder(Fixtures.reply("req-1")).setStatus(ReplyStatus.TRUNCATED).build();

    assertThat(DuplicateReplies.outcome(truncated)).isEqualTo("truncated");
  }
}
