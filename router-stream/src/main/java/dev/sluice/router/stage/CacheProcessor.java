package dev.sluice.router.stage;

import dev.sluice.router.cache.CacheEntries;
import dev.sluice.router.cache.CacheHitKind;
import dev.sluice.router.cache.CacheKey;
import dev.sluice.router.cache.CacheMetrics;
import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.cache.CacheUse;
import dev.sluice.router.cache.EmbeddingBytes;
import dev.sluice.router.cache.QuestionEmbedder;
import dev.sluice.router.cache.SemanticIndex;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.CacheEntry;
import dev.sluice.schemas.avro.CacheFill;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.DedupeState;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.ModelConfig;
import dev.sluice.schemas.money.Prices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 6 (on llm.requests.by-org, after dedupe): a request the cache can answer gets its reply at
 * once, without a budget reservation or a provider call.
 *
 * <ul>
 *   <li>Lookup ({@link CacheUse#lookup()}): the exact entry of its {@link CacheKey} first; then,
 *       when its route caches semantically, the most similar question of the same namespace and
 *       match group at or above the route's threshold. A hit is the cached answer with the
 *       request's own ids, marked {@code cached} ({@link CachedReplies}); it goes to the reply
 *       topic with an audit event and a ledger entry of 0 that records the cost saved, and it
 *       completes the request's dedupe entry, so duplicates get the same answer. A miss with
 *       policy {@code only} ends with {@code cache_miss}; any other goes on to
 *       {@value Nodes#BUDGET}.
 *   <li>Fill ({@link CacheUse#fill()}): a miss that may fill leaves a {@link CacheFill} in its
 *       dedupe entry. When its first terminal reply arrives, {@link OutcomeProcessor} hands it back
 *       here, and a complete answer (or a truncated one, where the route allows) is stored for the
 *       route's TTL. Errors never fill.
 *   <li>Invalidation: a {@link CacheInvalidation} from llm.cache-invalidations drops the entries of
 *       its namespace, of one route or with one tag. A request already answered keeps its answer,
 *       and one in flight gets its provider's; only later lookups miss.
 *   <li>Expiry: an entry past its TTL never answers, and a wall-clock sweep every
 *       {@link #EXPIRY_SWEEP} deletes expired entries from the store and the index.
 * </ul>
 *
 * <p>Entries are kept per tenant namespace (the org), in the key of every stored entry and in one
 * vector index per namespace: one org's answers are never served to another. The semantic index
 * is in memory and made anew from the store whenever the task starts (after a restart or a
 * rebalance).
 */
public final class CacheProcessor extends ContextualProcessor<String, Object, String, Object> {
  private static final Logger log = LoggerFactory.getLogger(CacheProcessor.class);
  static final Duration EXPIRY_SWEEP = Duration.ofMinutes(1);
  static final String INVALIDATION_ACTION = "cache.invalidated";

  private final GatewayConfig config;
  private final CacheResources resources;
  private final Duration dedupeWindow;
  private final Clock clock;
  private SemanticIndex index;
  private CacheEntries cache;
  private DedupeEntries dedupe;

  /**
   * @param dedupeWindow how long the dedupe store keeps an entry
   * @param clock "now" for expiry and for reply, ledger and audit times
   */
  public CacheProcessor(GatewayConfig config, CacheResources resources, Duration dedupeWindow, Clock clock) {
    this.config = config;
    this.resources = resources;
    this.dedupeWindow = dedupeWindow;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    index = new SemanticIndex(QuestionEmbedder.DIMENSIONS);
    cache = new CacheEntries(context.getStateStore(RouterStores.CACHE), index);
    log.info("task {}: semantic index rebuilt with {} cached entries", context.taskId(), cache.rebuildIndex());
    dedupe = new DedupeEntries(context, dedupeWindow);
    context.schedule(EXPIRY_SWEEP, PunctuationType.WALL_CLOCK_TIME,
        at -> resources.metrics().invalidated(cache.deleteExpired(clock.instant())));
  }

  @Override
  public void close() {
    index.close();
  }

  @Override
  public void process(Record<String, Object> record) {
    switch (record.value()) {
      case Admitted admitted -> admit(record.withValue(admitted));
      case CacheFillRequest fill -> fill(fill);
      case CacheInvalidation invalidation -> invalidate(record.withValue(invalidation));
      default -> throw new IllegalArgumentException("the cache stage takes admitted requests, answers to cache and "
          + "invalidations, not " + record.value().getClass().getName());
    }
  }

  private void admit(Record<String, Admitted> record) {
    Admitted admitted = record.value();
    LlmRequest request = admitted.request().inbound().request();
    CacheUse use = CacheUse.of(request, config.cacheFor(request.getModel()));
    if (!use.any()) {
      context().forward(record, Nodes.BUDGET);
      return;
    }
    CacheKey key = CacheKey.of(admitted.request().caller().getOrg(), request);
    if (use.lookup()) {
      if (lookup(record, key, use)) {
        return;
      }
      if (use.only()) {
        context().forward(record.withValue(Rejection.of(admitted, ErrorCode.CACHE_MISS, "cache_policy",
            "cache_policy is 'only' but no cached answer of route '" + request.getModel() + "' matches this request"
                + (use.semantic() ? " (semantic threshold " + use.similarityThreshold() + ")" : "")
                + "; send it with another cache_policy to call a provider")), Nodes.REJECT);
        return;
      }
    }
    if (use.fill()) {
      DedupeEntry entry = admitted.entry();
      entry.setCacheFill(fill(key, request, use, admitted.request().question()));
      dedupe.save(admitted.dedupeKey(), entry);
    }
    context().forward(record, Nodes.BUDGET);
  }

  /** Answers the request from the cache if it can; returns whether it did. */
  private boolean lookup(Record<String, Admitted> record, CacheKey key, CacheUse use) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    float[] question = record.value().request().question();
    Optional<CacheEntry> exact = use.exact() ? cache.live(key.entryKey(), now) : Optional.empty();
    Optional<CacheEntries.SemanticMatch> similar = exact.isEmpty() && use.semantic() && question != null
        ? cache.nearest(key, question, use.similarityThreshold(), now)
        : Optional.empty();
    CacheMetrics metrics = resources.metrics();
    metrics.lookedUp(System.nanoTime() - start);
    if (exact.isPresent()) {
      answer(record, exact.get(), CacheHitKind.EXACT, 1.0, now);
      return true;
    }
    if (similar.isPresent()) {
      answer(record, similar.get().entry(), CacheHitKind.SEMANTIC, similar.get().similarity(), now);
      return true;
    }
    metrics.miss();
    return false;
  }

  private void answer(Record<String, Admitted> record, CacheEntry entry, CacheHitKind kind, double similarity,
      Instant now) {
    Admitted admitted = record.value();
    Authenticated request = admitted.request();
    LlmReply cached = entry.getReply();
    LlmReply hit = CachedReplies.reply(cached, request.inbound(), kind, similarity, now);
    Record<String, Admitted> byRequestId = record.withKey(request.inbound().requestId());
    context().forward(byRequestId.withValue(new Addressed<>(request.inbound().replyTopic(), hit)), Nodes.TO_REPLIES);
    context().forward(byRequestId.withValue(CachedReplies.audit(hit, request.caller(), request.inbound(), now)),
        Nodes.TO_AUDIT);
    Prices prices = config.model(cached.getProvider(), cached.getModel()).map(ModelConfig::prices)
        .orElse(new Prices(0, 0));
    context().forward(record.withKey(request.caller().getOrg()).withValue(CachedReplies.ledgerEntry(
        hit, cached.getCostMicros(), request.caller(), request.inbound(), prices, now)), Nodes.TO_COST_LEDGER);
    DedupeEntry entryOfRequest = admitted.entry();
    entryOfRequest.setState(DedupeState.DONE);
    entryOfRequest.setReply(hit);
    entryOfRequest.setWaiters(new ArrayList<>());
    dedupe.save(admitted.dedupeKey(), entryOfRequest);
    resources.metrics().hit(kind, cached.getCostMicros());
  }

  private static CacheFill fill(CacheKey key, LlmRequest request, CacheUse use, float[] question) {
    return CacheFill.newBuilder()
        .setEntryKey(key.entryKey())
        .setNamespace(key.namespace())
        .setRoute(request.getModel())
        .setMatchGroup(key.matchGroup())
        .setTags(new ArrayList<>(request.getCacheTags()))
        .setTtlMs(use.ttlMillis())
        .setFillTruncated(use.fillTruncated())
        .setEmbedding(use.semantic() && question != null ? EmbeddingBytes.of(question) : null)
        .build();
  }

  private void fill(CacheFillRequest answer) {
    LlmReply reply = answer.reply();
    CacheFill fill = answer.fill();
    boolean complete = reply.getStatus() == ReplyStatus.OK;
    boolean allowedTruncated = reply.getStatus() == ReplyStatus.TRUNCATED && fill.getFillTruncated();
    if (!complete && !allowedTruncated) {
      return;
    }
    Instant now = clock.instant();
    cache.put(fill.getEntryKey(), CacheEntry.newBuilder()
        .setNamespace(fill.getNamespace())
        .setRoute(fill.getRoute())
        .setMatchGroup(fill.getMatchGroup())
        .setTags(fill.getTags())
        .setReply(reply)
        .setCreatedAt(now)
        .setExpiresAt(now.plusMillis(fill.getTtlMs()))
        .setEmbedding(fill.getEmbedding())
        .build());
    resources.metrics().filled();
  }

  private void invalidate(Record<String, CacheInvalidation> record) {
    CacheInvalidation invalidation = record.value();
    String route = invalidation.getRoute();
    String tag = invalidation.getTag();
    int dropped = cache.deleteWhere(invalidation.getNamespace(), entry ->
        (route == null || route.equals(entry.getRoute())) && (tag == null || entry.getTags().contains(tag)));
    resources.metrics().invalidated(dropped);
    String position = SourcePosition.of(SourcePosition.source(context(), Nodes.CACHE));
    String id = INVALIDATION_ACTION + "/" + position;
    context().forward(record.withKey(id).withValue(CacheInvalidations.audit(id, invalidation, dropped,
        clock.instant())), Nodes.TO_AUDIT);
  }
}
