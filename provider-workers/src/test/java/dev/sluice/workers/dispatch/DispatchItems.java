package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Dispatch items as the router makes them, for worker tests (route smart of test-gateway.yaml). */
public final class DispatchItems {
  public static final Instant RECEIVED = Instant.parse("2026-11-21T10:00:00Z");

  private DispatchItems() {}

  public static DispatchItem smart(String requestId) {
    return DispatchItem.newBuilder()
        .setRequestId(requestId)
        .setCorrelationId("corr-" + requestId)
        .setReplyTopic("llm.replies")
        .setRequestedModel("smart")
        .setMessages(List.of(new ChatMessage("system", "Be brief.", null), new ChatMessage("user", "Explain Kafka in one line", null)))
        .setMaxTokens(64)
        .setMetadata(Map.of("customer", "cust-1", "workflow", "onboarding"))
        .setReceivedAt(RECEIVED)
        .setCaller(new Caller("test-key", "acme", "platform"))
        .setRoute("smart")
        .setTargets(List.of(new RouteTarget("openai", "gpt-4o", List.of()), new RouteTarget("anthropic", "claude-sonnet-4", List.of())))
        .setPromptSha256("ab".repeat(32))
        .setPromptChars(34)
        .build();
  }

  public static DispatchBatch batchOf(DispatchItem item) {
    RouteTarget target = item.getTargets().get(item.getTargetIndex());
    return DispatchBatch.newBuilder().setBatchId("b-" + item.getRequestId()).setProvider(target.getProvider())
        .setModel(target.getModel()).setCreatedAt(RECEIVED).setItems(List.of(item)).build();
  }
}
