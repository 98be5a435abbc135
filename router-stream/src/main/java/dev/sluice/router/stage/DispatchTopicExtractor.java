package dev.sluice.router.stage;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.DispatchBatch;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends a batch to its provider's topic, {@code llm.dispatch.<provider>}. */
public final class DispatchTopicExtractor implements TopicNameExtractor<String, DispatchBatch> {
  /** Named once per configured provider, not once per record. */
  private final Map<String, String> topicByProvider;

  /** @param providerIds the configured providers, whose topic names are computed here once */
  public DispatchTopicExtractor(Collection<String> providerIds) {
    this.topicByProvider = providerIds.stream()
        .filter(TopicNames::isValidProviderId)
        .distinct()
        .collect(Collectors.toUnmodifiableMap(Function.identity(), TopicNames::dispatch));
  }

  @Override
  public String extract(String key, DispatchBatch batch, RecordContext context) {
    String topic = topicByProvider.get(batch.getProvider());
    // Routing only reaches configured providers; any other is named, or refused, per record.
    return topic != null ? topic : TopicNames.dispatch(batch.getProvider());
  }

  /** Shown by {@code topology.describe()}, which the topology test pins. */
  @Override
  public String toString() {
    return "llm.dispatch.<batch provider>";
  }
}
