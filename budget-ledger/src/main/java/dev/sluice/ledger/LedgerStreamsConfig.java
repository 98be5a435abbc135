package dev.sluice.ledger;

import dev.sluice.streams.errors.DeadLetterDeserializationHandler;
import dev.sluice.streams.errors.DeadLetterProcessingHandler;
import dev.sluice.streams.errors.DeadLetterProductionHandler;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The budget ledger's Kafka Streams settings: only what differs from the defaults, each with why. */
public final class LedgerStreamsConfig {
  private LedgerStreamsConfig() {}

  public static Properties properties(BudgetLedgerSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    // A ledger entry read twice after a crash must not be charged or alerted twice: the spend store,
    // the seen ids, llm.budget-state and llm.budget-alerts commit in one transaction with the offsets.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Under exactly-once, output is visible only at commit: this bounds how stale llm.budget-state is.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.numThreads());
    // One broker in development, three in production: the deployment decides.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
    if (settings.instanceId() != null) {
      // Static membership (Streams appends each thread's index): a restarted process takes its tasks back
      // at once instead of waiting out its dead predecessor's session. Close still leaves the group.
      props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          "sluice-budget-ledger-" + settings.instanceId());
    }
    // Stores must be named, so a refactor cannot rename a changelog and restart every budget from zero.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // The budget state never skips a charge silently: an undecodable ledger record goes to llm.dead-letter.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    // An entry the ledger cannot count goes to llm.dead-letter with the reason instead of stalling its partition.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    // Unsendable output (too large, unserializable) goes to llm.dead-letter; other send errors retry the task.
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
    return props;
  }
}
