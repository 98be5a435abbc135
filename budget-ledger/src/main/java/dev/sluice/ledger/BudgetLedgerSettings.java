package dev.sluice.ledger;

import dev.sluice.streams.ExactlyOnceStreams;
import java.nio.file.Path;

/**
 * How to run the budget ledger: everything except the gateway config and the topics.
 *
 * @param bootstrapServers Kafka brokers, {@code host:port[,host:port...]}
 * @param applicationId the Kafka Streams application id: consumer group and internal topic prefix
 * @param stateDir where Kafka Streams keeps the local stores
 * @param commitIntervalMs how often offsets, stores and output commit; under exactly-once this is
 *     how long a charge takes to show in llm.budget-state
 * @param replicationFactor of the ledger's changelog topics; -1 takes the broker's default
 * @param numThreads stream threads; more than llm.cost-ledger has partitions are idle
 * @param instanceId names this process's static group members, so that it takes its partitions
 *     back at once when restarted after a crash; null for dynamic membership
 * @param webhooks how alerts are posted to the budgets' webhooks
 */
public record BudgetLedgerSettings(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    long commitIntervalMs,
    int replicationFactor,
    int numThreads,
    String instanceId,
    WebhookSettings webhooks) {
  public static final String DEFAULT_APPLICATION_ID = "sluice-budget-ledger";
  /**
   * Spend here is advisory after the router's own reservations, so latency matters little: a
   * second between commits lets the spend store's cache turn a busy budget's many charges into one
   * write, and alerts and states still appear within about a second.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 1_000;

  public BudgetLedgerSettings {
    ExactlyOnceStreams.check(bootstrapServers, applicationId, stateDir, commitIntervalMs, numThreads,
        replicationFactor, instanceId);
    if (webhooks == null) {
      throw new IllegalArgumentException("webhooks is required (WebhookSettings.DEFAULTS for the defaults)");
    }
  }

  /**
   * Application id {@value #DEFAULT_APPLICATION_ID}, commits every {@value #DEFAULT_COMMIT_INTERVAL_MS} ms,
   * the broker's replication, one thread, dynamic membership, {@link WebhookSettings#DEFAULTS}.
   */
  public static BudgetLedgerSettings defaults(String bootstrapServers, Path stateDir) {
    return new BudgetLedgerSettings(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_COMMIT_INTERVAL_MS,
        -1, 1, null, WebhookSettings.DEFAULTS);
  }

  public BudgetLedgerSettings withApplicationId(String id) {
    return new BudgetLedgerSettings(bootstrapServers, id, stateDir, commitIntervalMs, replicationFactor, numThreads,
        instanceId, webhooks);
  }

  public BudgetLedgerSettings withCommitIntervalMs(long ms) {
    return new BudgetLedgerSettings(bootstrapServers, applicationId, stateDir, ms, replicationFactor, numThreads,
        instanceId, webhooks);
  }

  public BudgetLedgerSettings withReplicationFactor(int factor) {
    return new BudgetLedgerSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, factor, numThreads,
        instanceId, webhooks);
  }

  public BudgetLedgerSettings withNumThreads(int threads) {
    return new BudgetLedgerSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, replicationFactor,
        threads, instanceId, webhooks);
  }

  public BudgetLedgerSettings withInstanceId(String id) {
    return new BudgetLedgerSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, replicationFactor,
        numThreads, id, webhooks);
  }

  public BudgetLedgerSettings withWebhooks(WebhookSettings settings) {
    return new BudgetLedgerSettings(bootstrapServers, applicationId, stateDir, commitIntervalMs, replicationFactor,
        numThreads, instanceId, settings);
  }
}
