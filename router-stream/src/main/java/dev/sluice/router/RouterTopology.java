package dev.sluice.router;

import dev.sluice.router.stage.AddressedSerializer;
import dev.sluice.router.stage.AuthenticateProcessor;
import dev.sluice.router.stage.DispatchTopicExtractor;
import dev.sluice.router.stage.IntakeProcessor;
import dev.sluice.router.stage.Nodes;
import dev.sluice.router.stage.RejectProcessor;
import dev.sluice.router.stage.ReplyTopicExtractor;
import dev.sluice.router.stage.ReplyTopics;
import dev.sluice.router.stage.RouteProcessor;
import dev.sluice.router.stage.ValidateProcessor;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.VirtualKeyConfig;
import dev.sluice.schemas.serde.RequestDecoder;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The router's topology, in the order a request meets it:
 *
 * <pre>
 * llm.requests ─> intake ─> validate ─> authenticate ─> route ─> llm.dispatch.&lt;provider&gt;
 *                   │  │        │             │
 *                   │  └────────┴─────────────┴─> reject ─> the request's reply topic (default llm.replies)
 *                   │                                   └─> llm.audit
 *                   └─> llm.dead-letter (undecodable; also to reject when a reply topic header is usable)
 * </pre>
 *
 * <p>Stateless so far: nothing is repartitioned and no store is kept. Each stage is one processor
 * class in {@code dev.sluice.router.stage}; nodes carry the names in {@link Nodes}.
 */
public final class RouterTopology {
  private RouterTopology() {}

  /**
   * @param config providers, routes, keys and limits
   * @param topics topic names and serdes
   * @param replyTopics which reply topics exist; asked on the stream thread, so it must be quick
   * @param clock "now" for deadlines, reply and audit times
   */
  public static Topology build(GatewayConfig config, Topics topics, ReplyTopicDirectory replyTopics, Clock clock) {
    ReplyTopics replyRules = new ReplyTopics(replyTopics);
    Map<String, VirtualKeyConfig> keys = AuthenticateProcessor.index(config.keys());
    Topic<byte[], byte[]> requests = topics.requests();
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
    topology.addProcessor(Nodes.ROUTE, () -> new RouteProcessor(config.routes(), clock), Nodes.AUTHENTICATE);
    topology.addSink(Nodes.TO_DISPATCH, new DispatchTopicExtractor(config.providers().keySet()),
        Serdes.String().serializer(), topics.serdes().dispatchBatches().serializer(), Nodes.ROUTE);

    topology.addProcessor(Nodes.REJECT, () -> new RejectProcessor(clock),
        Nodes.INTAKE, Nodes.VALIDATE, Nodes.AUTHENTICATE);
    topology.addSink(Nodes.TO_REPLIES, new ReplyTopicExtractor<LlmReply>(),
        replies.keySerde().serializer(), new AddressedSerializer<>(replies.valueSerde().serializer()), Nodes.REJECT);
    topology.addSink(Nodes.TO_AUDIT, audit.name(),
        audit.keySerde().serializer(), audit.valueSerde().serializer(), Nodes.REJECT);
    topology.addSink(Nodes.TO_DEAD_LETTER, deadLetter.name(),
        deadLetter.keySerde().serializer(), deadLetter.valueSerde().serializer(), Nodes.INTAKE);
    return topology;
  }
}
