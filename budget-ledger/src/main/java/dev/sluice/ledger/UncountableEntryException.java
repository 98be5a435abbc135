package dev.sluice.ledger;

/**
 * A ledger record the ledger cannot count, with the reason. Thrown by the charge processor so that
 * the processing exception handler sends the record to llm.dead-letter with that reason and logs it:
 * a charge is never dropped without a trace.
 */
public final class UncountableEntryException extends RuntimeException {
  public UncountableEntryException(String message) {
    super(message);
  }
}
