package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches the compacted topic, and when: the latest value per key once per interval, and
 * the store's current values again on start. Values here are the end of a budget period, in
 * epoch milliseconds; a value is current while its period has not ended.
 */
class CompactedTopicPublisherTest {
  private static final long NOW = 1_763_726_400_000L;
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final String SINK = "to-compacted";

  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private KeyValueStore<String, Long> store;

  @BeforeEach
  void openStore() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("periods"), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
  }

  @Test
  void onStartTheStoredValuesStillCurrentAreSentAgain() {
    store.put("acme-day@2026-11-20T00:00:00Z", NOW - 1);
    store.put("acme-day@2026-11-21T00:00:00Z", NOW + 1);

    start();
    assertThat(context.forwarded()).as("nothing before the first send is due").isEmpty();
    sendDue();

    assertThat(forwardedKeys()).containsExactly("acme-day@2026-11-21T00:00:00Z");
    assertThat(context.forwarded().get(0).childName()).hasValue(SINK);
  }

  @Test
  void eachKeyIsSentOnceWithItsLatestValueAndThenNotAgainUntilItChanges() {
    CompactedTopicPublisher<Long> publisher = start();
    publisher.changed("acme-day@2026-11-21T00:00:00Z", NOW + 1);
    publisher.changed("acme-day@2026-11-21T00:00:00Z", NOW + 2);

    sendDue();
    assertThat(context.forwarded().stream().map(f -> (Long) f.record().value()).toList()).containsExactly(NOW + 2);

    context.resetForwards();
    sendDue();
    assertThat(context.forwarded()).isEmpty();
  }

  private CompactedTopicPublisher<Long> start() {
    return CompactedTopicPublisher.start(context, SINK, INTERVAL, store, periodEnd -> periodEnd > NOW);
  }

  private List<String> forwardedKeys() {
    return context.forwarded().stream().map(f -> (String) f.record().key()).toList();
  }

  private void sendDue() {
    assertThat(context.scheduledPunctuators()).singleElement()
        .satisfies(p -> assertThat(p.getInterval()).isEqualTo(INTERVAL))
        .satisfies(p -> p.getPunctuator().punctuate(NOW));
  }
}
