package dev.sluice.gateway.costs;

import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The latest value per {@link dev.sluice.schemas.BudgetStateKey} of the two compacted budget topics.
 *
 * @param states llm.budget-state: what the ledger says each budget spent
 * @param usages llm.budget-reservations: what the router settled and holds in reserve
 */
public record BudgetRecords(Map<String, BudgetState> states, Map<String, BudgetUsage> usages) {
  public BudgetRecords {
    states = Map.copyOf(states);
    usages = Map.copyOf(usages);
  }

  public static BudgetRecords of(List<ConsumerRecord<String, BudgetState>> states,
      List<ConsumerRecord<String, BudgetUsage>> usages) {
    return new BudgetRecords(latest(states), latest(usages));
  }

  /** A later record of a key replaces an earlier one; a tombstone removes it. Records come in offset order per partition. */
  static <V> Map<String, V> latest(List<ConsumerRecord<String, V>> records) {
    Map<String, V> latest = new HashMap<>();
    for (ConsumerRecord<String, V> record : records) {
      if (record.key() == null) {
        continue;
      }
      if (record.value() == null) {
        latest.remove(record.key());
      } else {
        latest.put(record.key(), record.value());
      }
    }
    return latest;
  }
}
