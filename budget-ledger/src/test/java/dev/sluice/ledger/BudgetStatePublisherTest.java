package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches llm.budget-state, and when: the latest state per key once a second, and the current states on start. */
class BudgetStatePublisherTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final String ENDED = "acme-daily@2026-11-20T00:00:00Z";
  private static final String CURRENT = "acme-daily@2026-11-21T00:00:00Z";

  private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
  private KeyValueStore<String, BudgetState> spend;

  @BeforeEach
  void openStore() {
    spend = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LedgerNames.BUDGET_SPEND_STORE),
        Serdes.String(), SluiceSerdes.withoutRegistry().budgetStates()).withLoggingDisabled().build();
    spend.init(context.getStateStoreContext(), spend);
  }

  @Test
  void onStartTheStoredStatesOfPeriodsNotYetEndedAreSentAgain() {
    spend.put(ENDED, state("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", 4_000_000));
    spend.put(CURRENT, state("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", 1_000_000));

    BudgetStatePublisher.start(context, spend, NOW);
    assertThat(context.forwarded()).as("nothing before the first send is due").isEmpty();
    sendDue();

    assertThat(context.forwarded().stream().map(f -> (String) f.record().key()).toList()).containsExactly(CURRENT);
    assertThat(context.forwarded().get(0).childName()).hasValue(LedgerNames.TO_BUDGET_STATE);
  }

  @Test
  void eachKeyIsSentOnceWithItsLatestStateAndThenNotAgainUntilItChanges() {
    BudgetStatePublisher publisher = BudgetStatePublisher.start(context, spend, NOW);
    publisher.changed(CURRENT, state("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", 1_000_000));
    publisher.changed(CURRENT, state("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", 3_000_000));

    sendDue();
    assertThat(context.forwarded().stream().map(f -> ((BudgetState) f.record().value()).getSpentMicros()).toList())
        .containsExactly(3_000_000L);

    context.resetForwards();
    sendDue();
    assertThat(context.forwarded()).isEmpty();
  }

  private void sendDue() {
    assertThat(context.scheduledPunctuators()).singleElement()
        .satisfies(p -> assertThat(p.getInterval()).isEqualTo(BudgetStatePublisher.INTERVAL))
        .satisfies(p -> p.getPunctuator().punctuate(NOW.toEpochMilli()));
  }

  private static BudgetState state(String start, String end, long spent) {
    return BudgetState.newBuilder().setBudgetId("acme-daily").setScope("org:acme").setPeriod("day")
        .setPeriodStart(Instant.parse(start)).setPeriodEnd(Instant.parse(end)).setLimitMicros(10_000_000)
        .setSpentMicros(spent).setEntries(1).setUpdatedAt(NOW).build();
  }
}
