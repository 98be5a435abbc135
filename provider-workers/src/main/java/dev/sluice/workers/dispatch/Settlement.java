package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.LlmReply;
import java.util.Optional;

/**
 * What a worker writes for one call outcome, all in one transaction: either the terminal reply
 * with its audit event (and a ledger entry when the provider billed the call), or the request
 * moved on to its next target.
 */
public sealed interface Settlement {
  /** The request is done: one reply, one audit event, a ledger entry when billed. */
  record Terminal(LlmReply reply, String replyTopic, AuditEvent audit, Optional<CostLedgerEntry> ledgerEntry)
      implements Settlement {}

  /** A retryable failure with targets left: the request goes to its next target's dispatch topic. */
  record Failover(String providerId, DispatchBatch batch) implements Settlement {}
}
