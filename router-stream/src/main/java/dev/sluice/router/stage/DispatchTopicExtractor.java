package dev.sluice.router.stage;

import dev.sluice.schemas.Lane;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.DispatchBatch;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Sends a batch to its provider's topic for its lane: {@code llm.dispatch.<provider>} for the
 * standard lane, {@code llm.dispatch.<provider>.interactive} or {@code .deferred} for the others.
 * Every item of a batch has the same lane (the batch stage groups by lane).
 */
public final class DispatchTopicExtractor implements TopicNameExtractor<String, DispatchBatch> {
  /** Named once per configured provider and lane, not once per record. */
  private final Map<String, Map<Lane, String>> topicByProvider = new HashMap<>();

  /** @param providerIds the configured providers, whose topic names are computed here once */
  public DispatchTopicExtractor(Collection<String> providerIds) {
    providerIds.stream().filter(TopicNames::isValidProviderId).distinct().forEach(id -> {
      Map<Lane, String> lanes = new EnumMap<>(Lane.class);
      for (Lane lane : Lane.values()) {
        lanes.put(lane, TopicNames.dispatch(id, lane));
      }
      topicByProvider.put(id, lanes);
    });
  }

  @Override
  public String extract(String key, DispatchBatch batch, RecordContext context) {
    Lane lane = Lane.of(batch.getItems().getFirst().getPriority());
    Map<Lane, String> lanes = topicByProvider.get(batch.getProvider());
    // Routing only reaches configured providers; any other is named, or refused, per record.
    return lanes != null ? lanes.get(lane) : TopicNames.dispatch(batch.getProvider(), lane);
  }

  /** Shown by {@code topology.describe()}, which the topology test pins. */
  @Override
  public String toString() {
    return "llm.dispatch.<batch provider>[.<lane>]";
  }
}
