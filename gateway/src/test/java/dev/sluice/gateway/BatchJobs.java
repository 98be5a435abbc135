package dev.sluice.gateway;

import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BatchJobState;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.RouteTarget;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Records of llm.batch-jobs as the provider workers write them. */
final class BatchJobs {
  private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");

  private BatchJobs() {}

  /** A job of {@code total} items, {@code done} of them answered, holding the given requests (none once SETTLED). */
  static BatchJob job(String jobId, BatchJobState state, int total, int done, String... requestIds) {
    return BatchJob.newBuilder()
        .setJobId(jobId)
        .setProvider("openai")
        .setModel("gpt-4o-mini")
        .setOrg("acme")
        .setOwner("worker-1")
        .setKeyId("openai-main")
        .setProviderBatchId("batch_" + jobId)
        .setState(state)
        .setCreatedAt(CREATED)
        .setUpdatedAt(CREATED.plusSeconds(done))
        .setTotal(total)
        .setSucceeded(done)
        .setItems(Arrays.stream(requestIds).map(BatchJobs::item).toList())
        .build();
  }

  private static DispatchItem item(String requestId) {
    return DispatchItem.newBuilder()
        .setRequestId(requestId)
        .setReplyTopic("llm.replies")
        .setRequestedModel("fast")
        .setMessages(List.of(new ChatMessage("user", "Question " + requestId, null)))
        .setPriority(Priority.DEFERRED)
        .setReceivedAt(CREATED)
        .setCaller(new Caller("acme-key", "acme", null))
        .setRoute("fast")
        .setTargets(List.of(new RouteTarget("openai", "gpt-4o-mini", List.of())))
        .setPromptSha256("0".repeat(64))
        .setPromptChars(12)
        .build();
  }
}
