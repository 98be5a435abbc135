package dev.sluice.schemas;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.AuthenticatedRequest;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.serde.SluiceSerdes;
import org.apache.kafka.common.serialization.Serdes;

/** Typed topics: each name with the serdes of its keys and values. */
public final class Topics {
  private final SluiceSerdes serdes;

  public Topics(SluiceSerdes serdes) {
    this.serdes = serdes;
  }

  public SluiceSerdes serdes() {
    return serdes;
  }

  /** Raw bytes: a request can be Avro or a JSON batch line, told apart at intake. */
  public Topic<byte[], byte[]> requests() {
    return new Topic<>(TopicNames.REQUESTS, Serdes.ByteArray(), Serdes.ByteArray());
  }

  public Topic<String, LlmReply> replies(String name) {
    return new Topic<>(name, Serdes.String(), serdes.replies());
  }

  public Topic<String, DispatchBatch> dispatch(String providerId) {
    return dispatch(providerId, Lane.STANDARD);
  }

  public Topic<String, DispatchBatch> dispatch(String providerId, Lane lane) {
    return new Topic<>(TopicNames.dispatch(providerId, lane), Serdes.String(), serdes.dispatchBatches());
  }

  public Topic<String, BatchJob> batchJobs() {
    return new Topic<>(TopicNames.BATCH_JOBS, Serdes.String(), serdes.batchJobs());
  }

  public Topic<String, CostLedgerEntry> costLedger() {
    return new Topic<>(TopicNames.COST_LEDGER, Serdes.String(), serdes.ledgerEntries());
  }

  public Topic<String, AuditEvent> audit() {
    return new Topic<>(TopicNames.AUDIT, Serdes.String(), serdes.auditEvents());
  }

  /** Keyed by {@link DedupeKey}; see {@link TopicNames#OUTCOMES}. */
  public Topic<String, LlmReply> outcomes() {
    return new Topic<>(TopicNames.OUTCOMES, Serdes.String(), serdes.replies());
  }

  /** Keyed {@code <provider>/<key id>}, compacted. */
  public Topic<String, ProviderHealth> providerHealth() {
    return new Topic<>(TopicNames.PROVIDER_HEALTH, Serdes.String(), serdes.providerHealth());
  }

  /** Keyed by org; see {@link TopicNames#REQUESTS_BY_ORG}. */
  public Topic<String, AuthenticatedRequest> requestsByOrg() {
    return new Topic<>(TopicNames.REQUESTS_BY_ORG, Serdes.String(), serdes.authenticatedRequests());
  }

  /** Keyed by org; see {@link TopicNames#REQUESTS_TO_EMBED}. */
  public Topic<String, AuthenticatedRequest> requestsToEmbed() {
    return new Topic<>(TopicNames.REQUESTS_TO_EMBED, Serdes.String(), serdes.authenticatedRequests());
  }

  /** Keyed by {@link BudgetStateKey}, compacted. */
  public Topic<String, BudgetState> budgetState() {
    return new Topic<>(TopicNames.BUDGET_STATE, Serdes.String(), serdes.budgetStates());
  }

  /** Keyed by budget id. */
  public Topic<String, BudgetAlert> budgetAlerts() {
    return new Topic<>(TopicNames.BUDGET_ALERTS, Serdes.String(), serdes.budgetAlerts());
  }

  /** Keyed by {@link BudgetStateKey}, compacted. */
  public Topic<String, BudgetUsage> budgetReservations() {
    return new Topic<>(TopicNames.BUDGET_RESERVATIONS, Serdes.String(), serdes.budgetUsages());
  }

  /** Keyed by namespace (org); see {@link TopicNames#CACHE_INVALIDATIONS}. */
  public Topic<String, CacheInvalidation> cacheInvalidations() {
    return new Topic<>(TopicNames.CACHE_INVALIDATIONS, Serdes.String(), serdes.cacheInvalidations());
  }

  /** Original key and value bytes, with the reason in headers. */
  public Topic<byte[], byte[]> deadLetter() {
    return new Topic<>(TopicNames.DEAD_LETTER, Serdes.ByteArray(), Serdes.ByteArray());
  }
}
