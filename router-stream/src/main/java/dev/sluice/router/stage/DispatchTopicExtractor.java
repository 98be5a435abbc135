package dev.sluice.router.stage;

import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.DispatchBatch;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends a batch to its provider's topic, {@code llm.dispatch.<provider>}. */
public final class DispatchTopicExtractor implements TopicNameExtractor<String, DispatchBatch> {
  private final Topics topics;

  public DispatchTopicExtractor(Topics topics) {
    this.topics = topics;
  }

  @Override
  public String extract(String key, DispatchBatch batch, RecordContext context) {
    return topics.dispatch(batch.getProvider()).name();
  }

  /** Shown by {@code topology.describe()}, which the topology test pins. */
  @Override
  public String toString() {
    return "llm.dispatch.<batch provider>";
  }
}
