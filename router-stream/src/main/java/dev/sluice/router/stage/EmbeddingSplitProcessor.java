package dev.sluice.router.stage;

import dev.sluice.router.cache.CacheUse;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.config.GatewayConfig;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Before llm.requests.by-org: sends each request that may use the semantic cache
 * ({@link CacheUse#semantic()}) to llm.requests.to-embed, where the question embedder, a Streams
 * application with threads of its own, embeds its question and passes it on to
 * llm.requests.by-org. The model takes milliseconds per question; the router's stream threads
 * never wait for it, so no other request is held up behind an embedding. Every other request goes
 * straight to llm.requests.by-org.
 */
public final class EmbeddingSplitProcessor extends ContextualProcessor<String, Authenticated, String, Authenticated> {
  private final GatewayConfig config;

  public EmbeddingSplitProcessor(GatewayConfig config) {
    this.config = config;
  }

  @Override
  public void process(Record<String, Authenticated> record) {
    LlmRequest request = record.value().inbound().request();
    boolean semantic = CacheUse.of(request, config.cacheFor(request.getModel())).semantic();
    context().forward(record, semantic ? Nodes.TO_REQUESTS_TO_EMBED : Nodes.TO_REQUESTS_BY_ORG);
  }
}
