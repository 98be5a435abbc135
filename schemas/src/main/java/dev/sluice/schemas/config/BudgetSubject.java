package dev.sluice.schemas.config;

import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.CostLedgerEntry;
import java.util.Map;

/**
 * Whom a charge is for, as budgets see it: the org and team of the caller's key, the key, and the
 * {@code customer} and {@code workflow} of the request's metadata.
 */
public record BudgetSubject(String org, String team, String keyId, String customer, String workflow) {
  public static final String CUSTOMER = "customer";
  public static final String WORKFLOW = "workflow";

  /** An authenticated request's subject. */
  public static BudgetSubject of(Caller caller, Map<String, String> metadata) {
    return new BudgetSubject(caller.getOrg(), caller.getTeam(), caller.getKeyId(), metadata.get(CUSTOMER),
        metadata.get(WORKFLOW));
  }

  /** A ledger entry's subject. */
  public static BudgetSubject of(CostLedgerEntry entry) {
    return new BudgetSubject(entry.getOrg(), entry.getTeam(), entry.getKeyId(), entry.getCustomer(),
        entry.getWorkflow());
  }
}
