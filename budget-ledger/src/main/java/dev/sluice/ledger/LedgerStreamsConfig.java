package dev.sluice.ledger;

import dev.sluice.streams.ExactlyOnceStreams;
import java.util.Properties;

/**
 * The budget ledger's Kafka Streams settings: the shared ones ({@link ExactlyOnceStreams}). Under
 * them a ledger entry read twice after a crash is neither charged nor alerted twice: the spend
 * store, the seen ids, llm.budget-state and llm.budget-alerts commit in one transaction with the
 * offsets; and an entry that cannot be decoded or counted goes to llm.dead-letter, never skipped.
 */
public final class LedgerStreamsConfig {
  private LedgerStreamsConfig() {}

  public static Properties properties(BudgetLedgerSettings settings) {
    return ExactlyOnceStreams.properties(settings.bootstrapServers(), settings.applicationId(), settings.stateDir(),
        settings.commitIntervalMs(), settings.numThreads(), settings.replicationFactor(), settings.instanceId(),
        "sluice-budget-ledger-");
  }
}
