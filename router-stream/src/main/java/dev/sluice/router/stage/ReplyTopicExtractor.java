package dev.sluice.router.stage;

import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends a reply to the topic it is addressed to: the request's reply topic, checked to exist. */
public final class ReplyTopicExtractor<V> implements TopicNameExtractor<String, Addressed<V>> {
  @Override
  public String extract(String key, Addressed<V> reply, RecordContext context) {
    return reply.topic();
  }

  /** Shown by {@code topology.describe()}, which the topology test pins. */
  @Override
  public String toString() {
    return "<reply topic of the request>";
  }
}
