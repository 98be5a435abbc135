package dev.sluice.router;

import dev.sluice.router.routing.TargetOrder;
import dev.sluice.router.stage.AddressedSerializer;
import dev.sluice.router.stage.AuthenticateProcessor;
import dev.sluice.router.stage.DedupeProcessor;
import dev.sluice.router.stage.DispatchTopicExtractor;
import dev.sluice.router.stage.IntakeProcessor;
import dev.sluice.router.stage.Nodes;
import dev.sluice.router.stage.OutcomeProcessor;
import dev.sluice.router.stage.ProviderHealthProcessor;
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
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ProviderHealth;
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
 * llm.requests ─> intake ─> validate ─> authenticate ─> dedupe ─> route ─> llm.dispatch.&lt;provider&gt;
 *                   │  │        │             │           │  │
 *                   │  └────────┴─────────────┴───────────┼──┴─> reject ─> the request's reply topic
 *                   │                                     │               └─> llm.audit
 *                   │                                     └─> copy of a done request's reply ─> reply topic, llm.audit
 *                   └─> llm.dead-letter (undecodable; also to reject when a reply topic header is usable)
 *
 * llm.outcomes ─> record-outcome ─> copies for the duplicates that waited ─> their reply topics, llm.audit
 *
 * llm.provider-health ─> update-provider-health ─> provider-health-store (global), read by route
 * </pre>
 *
 * <p>dedupe and record-outcome share {@value RouterStores#DEDUPE}, a window store with a
 * changelog: llm.outcomes has as many partitions as llm.requests, so an outcome meets its entry
 * in the task that stored it. The global {@value RouterStores#PROVIDER_HEALTH} holds every
 * provider key's health on every instance.
 *
 * <p>Each stage is one processor class in {@code dev.sluice.router.stage}; nodes carry the names
 * in {@link Nodes}, stores those in {@link RouterStores}. Nothing is repartitioned.
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
    ReplyTopics replyRules = new ReplyTopics(replyTopics);
    Map<String, VirtualKeyConfig> keys = AuthenticateProcessor.index(config.keys());
    TargetOrder targetOrder = new TargetOrder(config.providers());
    Duration dedupeWindow = Duration.ofMinutes(config.dedupe().windowMinutes());
    Topic<byte[], byte[]> requests = topics.requests();
    Topic<String, LlmReply> outcomes = topics.outcomes();
    Topic<String, ProviderHealth> health = topics.providerHealth();
    Topic<byte[], byte[]> deadLetter = topics.deadLetter();
    Topic<String, AuditEvent> audit = topics.audit();
    Topic<String, LlmReply> replies = topics.replies(TopicNames.REPLIES);

    Topology topology = new Topology();
    topology.addSource(Nodes.FROM_REQUESTS,
        requests.keySerde().deserializer(), requests.valueSerde().deserializer(), requests.name());
    topology.addProcessor(Nodes.INTAKE,
        () -> new IntakeProcessor(new RequestDecoder(topics.serdes()), replyRules), Nodes.FROM_REQUESTS);
    topology.addProcessor(Nodes.VALIDATE, () -> new ValidateProcessor(config, replyRules, clock), Nodes.INTAKE);
    topology.addProcessor(Nodes.AUTHENTICATE, () -> new AuthenticateProcessor(keys), Nodes.VALIDATE);
    topology.addProcessor(Nodes.DEDUPE, () -> new DedupeProcessor(dedupeWindow, clock), Nodes.AUTHENTICATE);
    topology.addProcessor(Nodes.ROUTE, () -> new RouteProcessor(config.routes(), targetOrder, clock), Nodes.DEDUPE);
    topology.addSink(Nodes.TO_DISPATCH, new DispatchTopicExtractor(config.providers().keySet()),
        Serdes.String().serializer(), topics.serdes().dispatchBatches().serializer(), Nodes.ROUTE);

    topology.addSource(Nodes.FROM_OUTCOMES,
        outcomes.keySerde().deserializer(), outcomes.valueSerde().deserializer(), outcomes.name());
    topology.addProcessor(Nodes.RECORD_OUTCOME, () -> new OutcomeProcessor(dedupeWindow, clock), Nodes.FROM_OUTCOMES);
    topology.addStateStore(RouterStores.dedupe(dedupeWindow, topics.serdes().dedupeEntries()),
        Nodes.DEDUPE, Nodes.RECORD_OUTCOME);

    topology.addProcessor(Nodes.REJECT, () -> new RejectProcessor(clock),
        Nodes.INTAKE, Nodes.VALIDATE, Nodes.AUTHENTICATE, Nodes.DEDUPE);
    topology.addSink(Nodes.TO_REPLIES, new ReplyTopicExtractor<LlmReply>(),
        replies.keySerde().serializer(), new AddressedSerializer<>(replies.valueSerde().serializer()),
        Nodes.REJECT, Nodes.DEDUPE, Nodes.RECORD_OUTCOME);
    topology.addSink(Nodes.TO_AUDIT, audit.name(),
        audit.keySerde().serializer(), audit.valueSerde().serializer(),
        Nodes.REJECT, Nodes.DEDUPE, Nodes.RECORD_OUTCOME);
    topology.addSink(Nodes.TO_DEAD_LETTER, deadLetter.name(),
        deadLetter.keySerde().serializer(), deadLetter.valueSerde().serializer(), Nodes.INTAKE);

    topology.addGlobalStore(RouterStores.providerHealth(health.valueSerde()), Nodes.FROM_PROVIDER_HEALTH,
        health.keySerde().deserializer(), health.valueSerde().deserializer(), health.name(),
        Nodes.UPDATE_PROVIDER_HEALTH, ProviderHealthProcessor::new);
    return topology;
  }
}
