package dev.sluice.router.stage;

import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.cache.CacheUse;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.config.GatewayConfig;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Before llm.requests.by-org: embeds the last user message of each request that may use the
 * semantic cache ({@link CacheUse#semantic()}), so that {@value Nodes#CACHE} only compares
 * vectors. The model takes milliseconds per question; here, on llm.requests, that work is spread
 * over every partition by request id and holds up no org's requests, while the stages after the
 * repartition, where each org's requests pass one at a time through one task, never wait for it.
 * Other requests pass untouched.
 */
public final class EmbedProcessor extends ContextualProcessor<String, Authenticated, String, Authenticated> {
  private final GatewayConfig config;
  private final CacheResources cache;

  public EmbedProcessor(GatewayConfig config, CacheResources cache) {
    this.config = config;
    this.cache = cache;
  }

  @Override
  public void process(Record<String, Authenticated> record) {
    LlmRequest request = record.value().inbound().request();
    CacheUse use = CacheUse.of(request, config.cacheFor(request.getModel()));
    if (!use.semantic()) {
      context().forward(record, Nodes.TO_REQUESTS_BY_ORG);
      return;
    }
    long start = System.nanoTime();
    float[] question = cache.embedder().embed(CacheUse.question(request.getMessages()));
    cache.metrics().embedded(System.nanoTime() - start);
    context().forward(record.withValue(record.value().withQuestion(question)), Nodes.TO_REQUESTS_BY_ORG);
  }
}
