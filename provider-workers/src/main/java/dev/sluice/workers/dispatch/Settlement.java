package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import java.time.Instant;
import java.util.List;

/**
 * What a worker writes for one call outcome, all in one transaction: either the terminal reply
 * with its audit event, a ledger entry per billed attempt and its copy for the router's dedupe,
 * or the request moved on to its next target.
 */
public sealed interface Settlement {
  /**
   * The request is done.
   *
   * @param reply           the one terminal reply, also written to {@code llm.outcomes}
   * @param replyTopic      where the caller reads it
   * @param audit           the request's audit event
   * @param ledgerEntries   one per attempt billed at this target
   * @param dedupeKey       the reply's key on {@code llm.outcomes}
   * @param intakePartition the {@code llm.outcomes} partition the router reads it from; -1 when the
   *                        request was not deduplicated and no copy is written
   */
  record Terminal(LlmReply reply, String replyTopic, AuditEvent audit, List<CostLedgerEntry> ledgerEntries,
      String dedupeKey, int intakePartition) implements Settlement {
    public Terminal {
      ledgerEntries = List.copyOf(ledgerEntries);
    }

    /** True when the router awaits a copy of the reply on {@code llm.outcomes}. */
    public boolean hasOutcomeCopy() {
      return intakePartition >= 0;
    }
  }

  /** The request goes, with its attempt history, to its next target's dispatch topic. */
  record Failover(String providerId, DispatchBatch batch) implements Settlement {
    /** {@code item} alone, to the provider of its current target ({@code target_index}). */
    public static Failover of(DispatchItem item, String batchId, Instant now) {
      RouteTarget target = item.getTargets().get(item.getTargetIndex());
      return new Failover(target.getProvider(), DispatchBatch.newBuilder()
          .setBatchId(batchId)
          .setProvider(target.getProvider())
          .setModel(target.getModel())
          .setCreatedAt(now)
          .setItems(List.of(item))
          .build());
    }
  }
}
