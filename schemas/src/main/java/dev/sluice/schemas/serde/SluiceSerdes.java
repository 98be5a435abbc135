package dev.sluice.schemas.serde;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.AuthenticatedRequest;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.CacheEntry;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ProviderHealth;

/**
 * The serdes of every record type, made in one place and passed to whoever needs them. With a
 * schema-registry URL they write the registry wire format; without one, single-object encoding.
 */
public final class SluiceSerdes {
  private final AvroSerde<LlmRequest> requests;
  private final AvroSerde<LlmReply> replies;
  private final AvroSerde<DispatchBatch> dispatchBatches;
  private final AvroSerde<CostLedgerEntry> ledgerEntries;
  private final AvroSerde<AuditEvent> auditEvents;
  private final AvroSerde<ProviderHealth> providerHealth;
  private final AvroSerde<DedupeEntry> dedupeEntries;
  private final AvroSerde<BudgetState> budgetStates;
  private final AvroSerde<BudgetAlert> budgetAlerts;
  private final AvroSerde<BudgetUsage> budgetUsages;
  private final AvroSerde<AuthenticatedRequest> authenticatedRequests;
  private final AvroSerde<CacheEntry> cacheEntries;
  private final AvroSerde<CacheInvalidation> cacheInvalidations;
  private final AvroSerde<DispatchItem> dispatchItems;
  private final AvroSerde<BatchJob> batchJobs;

  private SluiceSerdes(SchemaRegistryClient registry) {
    this.requests = new AvroSerde<>(LlmRequest.class, LlmRequest.getClassSchema(), registry);
    this.replies = new AvroSerde<>(LlmReply.class, LlmReply.getClassSchema(), registry);
    this.dispatchBatches = new AvroSerde<>(DispatchBatch.class, DispatchBatch.getClassSchema(), registry);
    this.ledgerEntries = new AvroSerde<>(CostLedgerEntry.class, CostLedgerEntry.getClassSchema(), registry);
    this.auditEvents = new AvroSerde<>(AuditEvent.class, AuditEvent.getClassSchema(), registry);
    this.providerHealth = new AvroSerde<>(ProviderHealth.class, ProviderHealth.getClassSchema(), registry);
    this.dedupeEntries = new AvroSerde<>(DedupeEntry.class, DedupeEntry.getClassSchema(), registry);
    this.budgetStates = new AvroSerde<>(BudgetState.class, BudgetState.getClassSchema(), registry);
    this.budgetAlerts = new AvroSerde<>(BudgetAlert.class, BudgetAlert.getClassSchema(), registry);
    this.budgetUsages = new AvroSerde<>(BudgetUsage.class, BudgetUsage.getClassSchema(), registry);
    this.authenticatedRequests = new AvroSerde<>(AuthenticatedRequest.class, AuthenticatedRequest.getClassSchema(), registry);
    this.cacheEntries = new AvroSerde<>(CacheEntry.class, CacheEntry.getClassSchema(), registry);
    this.cacheInvalidations = new AvroSerde<>(CacheInvalidation.class, CacheInvalidation.getClassSchema(), registry);
    this.dispatchItems = new AvroSerde<>(DispatchItem.class, DispatchItem.getClassSchema(), registry);
    this.batchJobs = new AvroSerde<>(BatchJob.class, BatchJob.getClassSchema(), registry);
  }

  /** Single-object encoding, no registry: the embedded default. */
  public static SluiceSerdes withoutRegistry() {
    return new SluiceSerdes(null);
  }

  /** @param schemaRegistryUrl the registry's base URL, or null/blank for none */
  public static SluiceSerdes create(String schemaRegistryUrl) {
    boolean none = schemaRegistryUrl == null || schemaRegistryUrl.isBlank();
    return new SluiceSerdes(none ? null : new SchemaRegistryClient(schemaRegistryUrl));
  }

  public AvroSerde<LlmRequest> requests() {
    return requests;
  }

  public AvroSerde<LlmReply> replies() {
    return replies;
  }

  public AvroSerde<DispatchBatch> dispatchBatches() {
    return dispatchBatches;
  }

  public AvroSerde<CostLedgerEntry> ledgerEntries() {
    return ledgerEntries;
  }

  public AvroSerde<AuditEvent> auditEvents() {
    return auditEvents;
  }

  public AvroSerde<ProviderHealth> providerHealth() {
    return providerHealth;
  }

  /** The router's dedupe store values. */
  public AvroSerde<DedupeEntry> dedupeEntries() {
    return dedupeEntries;
  }

  public AvroSerde<BudgetState> budgetStates() {
    return budgetStates;
  }

  public AvroSerde<BudgetAlert> budgetAlerts() {
    return budgetAlerts;
  }

  public AvroSerde<BudgetUsage> budgetUsages() {
    return budgetUsages;
  }

  /** Values of llm.requests.by-org. */
  public AvroSerde<AuthenticatedRequest> authenticatedRequests() {
    return authenticatedRequests;
  }

  /** The router's cache store values. */
  public AvroSerde<CacheEntry> cacheEntries() {
    return cacheEntries;
  }

  /** Values of llm.cache-invalidations. */
  public AvroSerde<CacheInvalidation> cacheInvalidations() {
    return cacheInvalidations;
  }

  /** The router's pending-dispatch store values. */
  public AvroSerde<DispatchItem> dispatchItems() {
    return dispatchItems;
  }

  /** Values of llm.batch-jobs. */
  public AvroSerde<BatchJob> batchJobs() {
    return batchJobs;
  }
}
