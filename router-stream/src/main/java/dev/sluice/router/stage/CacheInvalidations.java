package dev.sluice.router.stage;

import dev.sluice.schemas.CacheInvalidationSummary;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CacheInvalidation;
import java.time.Instant;

/** The audit event of an invalidation: an admin action, with what it selected and how much it dropped. */
final class CacheInvalidations {
  private CacheInvalidations() {}

  /** @param id stable under replay: derived from the invalidation's position on its topic */
  static AuditEvent audit(String id, CacheInvalidation invalidation, int dropped, Instant now) {
    return AuditEvent.newBuilder()
        .setEventId(id)
        .setTime(now)
        .setRequestId(id)
        .setOrg(invalidation.getNamespace())
        .setAction(CacheProcessor.INVALIDATION_ACTION)
        .setOutcome("ok")
        .setRoutingDecision(CacheInvalidationSummary.of(invalidation) + ": " + dropped + " entries dropped")
        .build();
  }
}
