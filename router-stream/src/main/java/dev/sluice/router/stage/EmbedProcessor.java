package dev.sluice.router.stage;

import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.cache.CacheUse;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The question embedder's one stage: embeds the last user message of each request on
 * llm.requests.to-embed (every one of them may use the semantic cache, see
 * {@link EmbeddingSplitProcessor}), so that {@value Nodes#CACHE} only compares vectors. A question
 * the model fails on goes on without its embedding: the request is still answered, by the exact
 * cache or a provider, just not by a similar question.
 */
public final class EmbedProcessor extends ContextualProcessor<String, Authenticated, String, Authenticated> {
  private static final Logger log = LoggerFactory.getLogger(EmbedProcessor.class);

  private final CacheResources cache;

  public EmbedProcessor(CacheResources cache) {
    this.cache = cache;
  }

  @Override
  public void process(Record<String, Authenticated> record) {
    Authenticated request = record.value();
    long start = System.nanoTime();
    float[] question;
    try {
      question = cache.embedder().embed(CacheUse.question(request.inbound().request().getMessages()));
    } catch (RuntimeException e) {
      log.warn("could not embed the question of request {}; it goes on without the semantic cache",
          request.inbound().request().getRequestId(), e);
      cache.metrics().embeddingFailed();
      context().forward(record, Nodes.TO_REQUESTS_BY_ORG);
      return;
    }
    cache.metrics().embedded(System.nanoTime() - start);
    context().forward(record.withValue(request.withQuestion(question)), Nodes.TO_REQUESTS_BY_ORG);
  }
}
