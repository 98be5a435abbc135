package dev.sluice.router;

import dev.sluice.router.routing.TargetOrder;
import dev.sluice.router.stage.AddressedSerializer;
import dev.sluice.router.stage.AuthenticateProcessor;
import dev.sluice.router.stage.AuthenticatedSerde;
import dev.sluice.router.stage.BatchProcessor;
import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.stage.BudgetProcessor;
import dev.sluice.router.stage.CacheProcessor;
import dev.sluice.router.stage.CompactedTopicMirror;
import dev.sluice.router.stage.DedupeProcessor;
import dev.sluice.router.stage.DispatchTopicExtractor;
import dev.sluice.router.stage.EmbeddingSplitProcessor;
import dev.sluice.router.stage.IntakeProcessor;
import dev.sluice.router.stage.Nodes;
import dev.sluice.router.stage.OutcomeProcessor;
import dev.sluice.router.stage.RejectProcessor;
import dev.sluice.router.stage.ReplyTopicExtractor;
import dev.sluice.router.stage.ReplyTopics;
import dev.sluice.router.stage.RouteProcessor;
import dev.sluice.router.stage.RouterStores;
import dev.sluice.router.stage.ValidateProcessor;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.AuthenticatedRequest;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.config.Budgets;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.VirtualKeyConfig;
import dev.sluice.schemas.serde.RequestDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The router's topology, in the order a request meets it:
 *
 * <pre>
 * llm.requests ─> intake ─> validate ─> authenticate ─> split-for-embedding ─> llm.requests.by-org (keyed by org)
 *                   │  │        │             │            └─> (the semantic cache may answer) llm.requests.to-embed,
 *                   │  │        │             │                 the question embedder's, which goes on to llm.requests.by-org
 *                   │  └────────┴─────────────┴──────────────────────────────────────────────┐
 *                   └─> llm.dead-letter (undecodable; also to reject when a                 │
 *                       reply topic header is usable)                                       │
 *                                                                                           v
 * llm.requests.by-org ─> dedupe ─> cache ─> budget ─> route ─> batch ─> llm.dispatch.&lt;provider&gt;[.&lt;lane&gt;]   reject ─> reply topic, llm.audit
 *                          │  │      │  │      └─> (over budget) ─────────────────────────────┘
 *                          │  │      │  └─> (policy only, no match: cache_miss) ─────────────┘
 *                          │  │      └─> (hit) cached answer ─> reply topic, llm.audit, llm.cost-ledger (saved cost)
 *                          │  └─> copy of a done request's reply ─> reply topic, llm.audit
 *                          └─> (duplicate in flight: waits in its dedupe entry)
 *
 * batch: interactive requests at once; others held per lane, provider, model and org until their group is
 *        full or its oldest has waited the lane's max_wait_ms (wall-clock punctuation)
 *
 * llm.outcomes ─> record-outcome ─> copies for the duplicates that waited ─> their reply topics, llm.audit
 *                       ├─> budget (settles the entry's reservation: releases it, charges the actual cost)
 *                       └─> cache (stores the answer, when the request may fill the cache)
 * llm.cache-invalidations ─> cache (drops a namespace's entries, or those of a route or tag) ─> llm.audit
 *
 * budget ─> changed budget usages, once a second ─> llm.budget-reservations
 * llm.provider-health ─> update-provider-health ─> provider-health-store (global), read by route
 * llm.budget-state ─> update-budget-state ─> budget-state-store (global), read by budget
 * </pre>
 *
 * <p>Everything from dedupe on runs on llm.requests.by-org, where all requests of one org (the
 * budget root) meet in one task: one writer decides for each budget. llm.outcomes has as many
 * partitions, and workers write each outcome to the partition its request was admitted on, so it
 * meets its dedupe entry, which holds its reservation and cache fill, in the task that made them;
 * llm.cache-invalidations is keyed by org and partitioned alike. Stores:
 * {@value RouterStores#DEDUPE} (dedupe, cache, budget, record-outcome, reject),
 * {@value RouterStores#CACHE} (cache), {@value RouterStores#BUDGET_USAGE} (budget),
 * {@value RouterStores#PENDING_DISPATCH} (batch), and the global
 * {@value RouterStores#PROVIDER_HEALTH} and {@value RouterStores#BUDGET_STATE}.
 *
 * <p>Each stage is one processor class in {@code dev.sluice.router.stage}; nodes carry the names
 * in {@link Nodes}, stores those in {@link RouterStores}.
 */
public final class RouterTopology {
  private RouterTopology() {}

  /**
   * @param config providers, routes, keys, limits and the dedupe window
   * @param topics topic names and serdes
   * @param replyTopics which reply topics exist; asked on the stream thread, so it must be quick
   * @param clock "now" for deadlines, open circuits, reply and audit times; the dedupe window runs on
   *     record time instead
   */
  public static Topology build(GatewayConfig config, Topics topics, ReplyTopicDirectory replyTopics, Clock clock) {
    return build(config, topics, replyTopics, clock, CacheResources.global());
  }

  /**
   * @param cache the cache's meters, shared by every task; the model runs in the question embedder
   *     ({@link QuestionEmbedderTopology})
   */
  public static Topology build(GatewayConfig config, Topics topics, ReplyTopicDirectory replyTopics, Clock clock,
      CacheResources cache) {
    ReplyTopics replyRules = new ReplyTopics(replyTopics);
    Map<String, VirtualKeyConfig> keys = AuthenticateProcessor.index(config.keys());
    TargetOrder targetOrder = new TargetOrder(config.providers());
    Budgets budgets = new Budgets(config.budgets());
    Duration dedupeWindow = Duration.ofMinutes(config.dedupe().windowMinutes());
    Topic<byte[], byte[]> requests = topics.requests();
    Topic<String, AuthenticatedRequest> byOrg = topics.requestsByOrg();
    Topic<String, AuthenticatedRequest> toEmbed = topics.requestsToEmbed();
    AuthenticatedSerde authenticated = new AuthenticatedSerde(byOrg.valueSerde());
    Topic<String, LlmReply> outcomes = topics.outcomes();
    Topic<String, ProviderHealth> health = topics.providerHealth();
    Topic<String, BudgetState> budgetState = topics.budgetState();
    Topic<String, BudgetUsage> reservations = topics.budgetReservations();
    Topic<byte[], byte[]> deadLetter = topics.deadLetter();
    Topic<String, AuditEvent> audit = topics.audit();
    Topic<String, LlmReply> replies = topics.replies(TopicNames.REPLIES);
    Topic<String, CacheInvalidation> invalidations = topics.cacheInvalidations();
    Topic<String, CostLedgerEntry> costLedger = topics.costLedger();

    Topology topology = new Topology();
    topology.addSource(Nodes.FROM_REQUESTS,
        requests.keySerde().deserializer(), requests.valueSerde().deserializer(), requests.name());
    topology.addProcessor(Nodes.INTAKE,
        () -> new IntakeProcessor(new RequestDecoder(topics.serdes()), replyRules), Nodes.FROM_REQUESTS);
    topology.addProcessor(Nodes.VALIDATE, () -> new ValidateProcessor(config, replyRules, clock), Nodes.INTAKE);
    topology.addProcessor(Nodes.AUTHENTICATE, () -> new AuthenticateProcessor(keys), Nodes.VALIDATE);
    topology.addProcessor(Nodes.SPLIT_FOR_EMBEDDING, () -> new EmbeddingSplitProcessor(config), Nodes.AUTHENTICATE);
    topology.addSink(Nodes.TO_REQUESTS_BY_ORG, byOrg.name(),
        byOrg.keySerde().serializer(), authenticated.serializer(), Nodes.SPLIT_FOR_EMBEDDING);
    topology.addSink(Nodes.TO_REQUESTS_TO_EMBED, toEmbed.name(),
        toEmbed.keySerde().serializer(), authenticated.serializer(), Nodes.SPLIT_FOR_EMBEDDING);

    topology.addSource(Nodes.FROM_REQUESTS_BY_ORG,
        byOrg.keySerde().deserializer(), authenticated.deserializer(), byOrg.name());
    topology.addProcessor(Nodes.DEDUPE, () -> new DedupeProcessor(dedupeWindow, clock), Nodes.FROM_REQUESTS_BY_ORG);
    // Outcomes are declared here because the budget stage, which reserves for admitted requests,
    // also settles what record-outcome hands it: a node's parents must exist before it does.
    topology.addSource(Nodes.FROM_OUTCOMES,
        outcomes.keySerde().deserializer(), outcomes.valueSerde().deserializer(), outcomes.name());
    topology.addProcessor(Nodes.RECORD_OUTCOME, () -> new OutcomeProcessor(dedupeWindow, clock), Nodes.FROM_OUTCOMES);
    topology.addSource(Nodes.FROM_CACHE_INVALIDATIONS, invalidations.keySerde().deserializer(),
        invalidations.valueSerde().deserializer(), invalidations.name());
    topology.addProcessor(Nodes.CACHE, () -> new CacheProcessor(config, cache, dedupeWindow, clock),
        Nodes.DEDUPE, Nodes.RECORD_OUTCOME, Nodes.FROM_CACHE_INVALIDATIONS);
    topology.addProcessor(Nodes.BUDGET, () -> new BudgetProcessor(config, budgets, dedupeWindow, clock),
        Nodes.CACHE, Nodes.RECORD_OUTCOME);
    topology.addProcessor(Nodes.ROUTE, () -> new RouteProcessor(config.routes(), targetOrder, clock), Nodes.BUDGET);
    topology.addProcessor(Nodes.BATCH, () -> new BatchProcessor(config.batching(), clock), Nodes.ROUTE);
    topology.addSink(Nodes.TO_DISPATCH, new DispatchTopicExtractor(config.providers().keySet()),
        Serdes.String().serializer(), topics.serdes().dispatchBatches().serializer(), Nodes.BATCH);

    topology.addProcessor(Nodes.REJECT, () -> new RejectProcessor(dedupeWindow, clock),
        Nodes.INTAKE, Nodes.VALIDATE, Nodes.AUTHENTICATE, Nodes.DEDUPE, Nodes.CACHE, Nodes.BUDGET);
    topology.addStateStore(RouterStores.dedupe(dedupeWindow, topics.serdes().dedupeEntries()),
        Nodes.DEDUPE, Nodes.CACHE, Nodes.BUDGET, Nodes.RECORD_OUTCOME, Nodes.REJECT);
    topology.addStateStore(RouterStores.cache(topics.serdes().cacheEntries()), Nodes.CACHE);
    topology.addStateStore(RouterStores.budgetUsage(topics.serdes().budgetUsages()), Nodes.BUDGET);
    topology.addStateStore(RouterStores.pendingDispatch(topics.serdes().dispatchItems()), Nodes.BATCH);

    topology.addSink(Nodes.TO_REPLIES, new ReplyTopicExtractor<LlmReply>(),
        replies.keySerde().serializer(), new AddressedSerializer<>(replies.valueSerde().serializer()),
        Nodes.REJECT, Nodes.DEDUPE, Nodes.CACHE, Nodes.RECORD_OUTCOME);
    topology.addSink(Nodes.TO_AUDIT, audit.name(),
        audit.keySerde().serializer(), audit.valueSerde().serializer(),
        Nodes.REJECT, Nodes.DEDUPE, Nodes.CACHE, Nodes.RECORD_OUTCOME);
    topology.addSink(Nodes.TO_COST_LEDGER, costLedger.name(),
        costLedger.keySerde().serializer(), costLedger.valueSerde().serializer(), Nodes.CACHE);
    topology.addSink(Nodes.TO_DEAD_LETTER, deadLetter.name(),
        deadLetter.keySerde().serializer(), deadLetter.valueSerde().serializer(), Nodes.INTAKE);
    topology.addSink(Nodes.TO_BUDGET_RESERVATIONS, reservations.name(),
        reservations.keySerde().serializer(), reservations.valueSerde().serializer(), Nodes.BUDGET);

    topology.addGlobalStore(RouterStores.providerHealth(health.valueSerde()), Nodes.FROM_PROVIDER_HEALTH,
        health.keySerde().deserializer(), health.valueSerde().deserializer(), health.name(),
        Nodes.UPDATE_PROVIDER_HEALTH, () -> new CompactedTopicMirror<>(RouterStores.PROVIDER_HEALTH));
    topology.addGlobalStore(RouterStores.budgetState(budgetState.valueSerde()), Nodes.FROM_BUDGET_STATE,
        budgetState.keySerde().deserializer(), budgetState.valueSerde().deserializer(), budgetState.name(),
        Nodes.UPDATE_BUDGET_STATE, () -> new CompactedTopicMirror<>(RouterStores.BUDGET_STATE));
    return topology;
  }
}
