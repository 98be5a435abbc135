package dev.sluice.router.stage;

import dev.sluice.router.cache.CacheHitKind;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CacheHit;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.money.Prices;
import java.time.Instant;
import java.util.ArrayList;

/** The reply, ledger entry and audit event of a request answered from the cache. */
final class CachedReplies {
  static final String ACTION = "request.cached";
  /** The ledger's price mode of a cache hit: the model's prices, none of them charged. */
  static final String PRICE_MODE = "cache";

  private CachedReplies() {}

  /**
   * The cached answer as this request's reply: its own ids, no attempts and no cost (no provider
   * was called), the time it took here, and where the answer came from.
   */
  static LlmReply reply(LlmReply cached, Inbound in, CacheHitKind kind, double similarity, Instant now) {
    return LlmReply.newBuilder(cached)
        .setRequestId(in.requestId())
        .setCorrelationId(in.request().getCorrelationId())
        .setCostMicros(0)
        .setAttempts(new ArrayList<>())
        .setLatencyMs(ReplyLatency.millis(in.receivedAt(), now))
        .setCompletedAt(now)
        .setCache(CacheHit.newBuilder()
            .setKind(kind.label())
            .setSimilarity(similarity)
            .setSourceRequestId(cached.getRequestId())
            .build())
        .build();
  }

  /**
   * A ledger entry of 0 that records what the hit saved: the cost of the provider call that made
   * the answer. Its id is the request's, once: a replay writes the same entry, which the ledger
   * counts once.
   *
   * @param prices the answering model's prices, for the price basis; zero when no longer configured
   */
  static CostLedgerEntry ledgerEntry(LlmReply hit, long savedMicros, Caller caller, Inbound in, Prices prices,
      Instant now) {
    return CostLedgerEntry.newBuilder()
        .setEntryId(hit.getRequestId() + ":cache")
        .setTime(now)
        .setRequestId(hit.getRequestId())
        .setKeyId(caller.getKeyId())
        .setOrg(caller.getOrg())
        .setTeam(caller.getTeam())
        .setCustomer(in.request().getMetadata().get("customer"))
        .setWorkflow(in.request().getMetadata().get("workflow"))
        .setProvider(hit.getProvider() == null ? "" : hit.getProvider())
        .setModel(hit.getModel() == null ? "" : hit.getModel())
        .setInputTokens(0)
        .setOutputTokens(0)
        .setCostMicros(0)
        .setPriceBasis(prices.toBasis(PRICE_MODE))
        .setCacheHit(hit.getCache().getKind())
        .setSavedMicros(savedMicros)
        .build();
  }

  static AuditEvent audit(LlmReply hit, Caller caller, Inbound in, Instant now) {
    String content = hit.getContent();
    CacheHit cache = hit.getCache();
    return AuditEvent.newBuilder()
        .setEventId(in.position() + "/" + ACTION)
        .setTime(now)
        .setRequestId(hit.getRequestId())
        .setKeyId(caller.getKeyId())
        .setOrg(caller.getOrg())
        .setTeam(caller.getTeam())
        .setAction(ACTION)
        .setOutcome(DuplicateReplies.outcome(hit))
        .setProvider(hit.getProvider())
        .setModel(hit.getModel())
        .setPromptSha256(in.prompt().sha256())
        .setPromptLength(in.prompt().chars())
        .setCompletionSha256(content == null ? null : Sha256.hex(content))
        .setCompletionLength(content == null ? null : content.length())
        .setLatencyMs(ReplyLatency.millis(in.receivedAt(), now))
        .setRoutingDecision("cache " + cache.getKind() + " hit of request " + cache.getSourceRequestId()
            + (CacheHitKind.SEMANTIC.label().equals(cache.getKind())
                ? String.format(" (similarity %.4f)", cache.getSimilarity()) : ""))
        .build();
  }
}
