package dev.sluice.router;

import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.stage.AuthenticatedSerde;
import dev.sluice.router.stage.EmbedProcessor;
import dev.sluice.router.stage.Nodes;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.AuthenticatedRequest;
import org.apache.kafka.streams.Topology;

/**
 * The question embedder: a Streams application of its own beside the router, so that the embedding
 * model (milliseconds a question) runs on its threads and never on the router's, where every other
 * request would wait behind it.
 *
 * <pre>
 * llm.requests.to-embed ─> embed ─> llm.requests.by-org (the question's embedding added)
 * </pre>
 *
 * <p>Stateless; both topics are keyed by org, so a request reaches the same by-org partition as if
 * the router had sent it there itself.
 */
public final class QuestionEmbedderTopology {
  private QuestionEmbedderTopology() {}

  /** @param cache the embedding model, loaded once per process, and the cache's meters */
  public static Topology build(Topics topics, CacheResources cache) {
    Topic<String, AuthenticatedRequest> toEmbed = topics.requestsToEmbed();
    Topic<String, AuthenticatedRequest> byOrg = topics.requestsByOrg();
    AuthenticatedSerde authenticated = new AuthenticatedSerde(toEmbed.valueSerde());

    Topology topology = new Topology();
    topology.addSource(Nodes.FROM_REQUESTS_TO_EMBED,
        toEmbed.keySerde().deserializer(), authenticated.deserializer(), toEmbed.name());
    topology.addProcessor(Nodes.EMBED, () -> new EmbedProcessor(cache), Nodes.FROM_REQUESTS_TO_EMBED);
    topology.addSink(Nodes.TO_REQUESTS_BY_ORG, byOrg.name(),
        byOrg.keySerde().serializer(), authenticated.serializer(), Nodes.EMBED);
    return topology;
  }
}
