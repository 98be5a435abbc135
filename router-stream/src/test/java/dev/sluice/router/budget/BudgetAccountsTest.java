package dev.sluice.router.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Opening a task's accounts: what the first publication repeats. */
class BudgetAccountsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void openingQueuesTheStoredUsagesOfPeriodsNotYetEndedForPublication() {
    KeyValueStore<String, BudgetUsage> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("usage"),
        Serdes.String(), SluiceSerdes.withoutRegistry().budgetUsages()).withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    store.put("acme-day@2026-11-20T00:00:00Z", usage("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", 0));
    store.put("acme-day@2026-11-21T00:00:00Z", usage("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", 3));

    Map<String, BudgetUsage> published = new LinkedHashMap<>();
    new BudgetAccounts(store, NOW).publishChanged(published::put);

    assertThat(published).containsOnlyKeys("acme-day@2026-11-21T00:00:00Z");
    assertThat(published.get("acme-day@2026-11-21T00:00:00Z").getInFlight()).isEqualTo(3);
  }

  private static BudgetUsage usage(String start, String end, int inFlight) {
    return BudgetUsage.newBuilder().setBudgetId("acme-day").setPeriodStart(Instant.parse(start))
        .setPeriodEnd(Instant.parse(end)).setReservedMicros(inFlight * 100L).setInFlight(inFlight)
        .setUpdatedAt(NOW).build();
  }
}
