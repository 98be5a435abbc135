package dev.sluice.router.budget;

import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.money.MicroDollars;
import java.util.List;
import java.util.Optional;

/**
 * The hard-limit rule: a request may reserve {@code estimate} against a budget only if
 * {@code spent + reserved + estimate <= limit} in the budget's current period. Spent is the larger
 * of the router's own settled spend and the ledger's ({@link BudgetStateView}): both count the same
 * ledger entries, the router's without delay, the ledger's also after the router lost its state.
 */
public final class BudgetCheck {
  private final BudgetStateView ledger;

  public BudgetCheck(BudgetStateView ledger) {
    this.ledger = ledger;
  }

  /**
   * The first budget the estimate would overrun, or empty when it fits them all.
   *
   * @param usages each budget's usage in its current period, in the same order ({@link BudgetAccounts#current})
   */
  public Optional<Overrun> firstOverrun(List<BudgetConfig> budgets, List<BudgetUsage> usages, long estimate) {
    for (int i = 0; i < budgets.size(); i++) {
      BudgetConfig budget = budgets.get(i);
      BudgetUsage usage = usages.get(i);
      long ledgerSpent = ledger.state(budget.id(), usage.getPeriodStart()).map(BudgetState::getSpentMicros).orElse(0L);
      long spent = Math.max(usage.getSpentMicros(), ledgerSpent);
      long limit = budget.limitMicros();
      if (spent + usage.getReservedMicros() + estimate > limit) {
        BudgetPeriod period = new BudgetPeriod(usage.getPeriodStart(), usage.getPeriodEnd());
        return Optional.of(new Overrun(budget, period, limit, spent, usage.getReservedMicros(), estimate));
      }
    }
    return Optional.empty();
  }

  /** A budget a request would overrun, with the figures its refusal names. */
  public record Overrun(BudgetConfig budget, BudgetPeriod period, long limitMicros, long spentMicros,
      long reservedMicros, long estimateMicros) {

    public String message() {
      return "budget '" + budget.id() + "' (" + budget.scope().name() + ") would be exceeded: limit "
          + MicroDollars.format(limitMicros) + " per " + budget.period() + ", spent " + MicroDollars.format(spentMicros)
          + ", reserved by requests in flight " + MicroDollars.format(reservedMicros) + ", this request up to "
          + MicroDollars.format(estimateMicros) + "; the budget resets at " + period.end();
    }
  }
}
