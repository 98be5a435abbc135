package dev.sluice.ledger;

import dev.sluice.schemas.avro.BudgetState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sends budget states to {@value LedgerNames#TO_BUDGET_STATE} once per {@link #INTERVAL} of wall-clock
 * time: the latest state of each budget and period charged since the last send. llm.budget-state
 * is compacted and read for its latest values, so a busy budget costs one record a second rather
 * than one per ledger entry.
 *
 * <p>A state charged just before a crash may have been committed to the store but not yet sent.
 * So on start every stored state of a period that has not ended is queued again, and the first
 * send repeats it: the topic then holds what the store holds.
 */
final class BudgetStatePublisher {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final Map<String, BudgetState> unsent = new LinkedHashMap<>();

  private BudgetStatePublisher() {}

  /** Queues the task's current states and schedules the sends, from a processor's {@code init}. */
  static BudgetStatePublisher start(ProcessorContext<String, SpecificRecord> context,
      KeyValueStore<String, BudgetState> spend, Instant now) {
    BudgetStatePublisher publisher = new BudgetStatePublisher();
    try (KeyValueIterator<String, BudgetState> states = spend.all()) {
      while (states.hasNext()) {
        KeyValue<String, BudgetState> state = states.next();
        if (state.value.getPeriodEnd().isAfter(now)) {
          publisher.changed(state.key, state.value);
        }
      }
    }
    context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, time -> publisher.send(context, time));
    return publisher;
  }

  /** Queues {@code state} under its state key, replacing what was queued for it. */
  void changed(String stateKey, BudgetState state) {
    unsent.put(stateKey, state);
  }

  private void send(ProcessorContext<String, SpecificRecord> context, long time) {
    unsent.forEach((key, state) -> context.forward(new Record<>(key, state, time), LedgerNames.TO_BUDGET_STATE));
    unsent.clear();
  }
}
