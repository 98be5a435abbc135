package dev.sluice.router.budget;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.RequestReservation;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.Budgets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The router's books for the budgets of one task's orgs: a {@link BudgetUsage} per budget and
 * period, spent by settled requests and reserved by requests in flight. What each request
 * reserved ({@link RequestReservation}) is kept by the caller, in the request's dedupe entry, and
 * handed back to {@link #settle}. Reserving and settling both happen on the org's one partition,
 * so no two decisions about a budget ever race.
 *
 * <p>Every change is written through to the store, which is what survives a restart. The usages
 * read or written since the accounts were opened are also held decoded: the task is the only
 * writer of its budgets' usages, so they stay current, and a request costs no store reads. Open
 * the accounts when the task's processor is initialised, so that they start from the store.
 *
 * <p>Each usage written is also handed to a listener, which publishes them in bulk rather than
 * on every request.
 */
public final class BudgetAccounts {
  private final KeyValueStore<String, BudgetUsage> store;
  private final Map<BudgetPeriodId, Held> held = new HashMap<>();
  /** Each budget's period at the last request, by budget id: it holds for a day or a month. */
  private final Map<String, BudgetPeriod> currentPeriods = new HashMap<>();
  private final BiConsumer<String, BudgetUsage> changed;

  /**
   * @param store the task's usage store
   * @param changed told of each usage written, by {@link BudgetStateKey}
   */
  public BudgetAccounts(KeyValueStore<String, BudgetUsage> store, BiConsumer<String, BudgetUsage> changed) {
    this.store = store;
    this.changed = changed;
  }

  /**
   * The usage of {@code budget} in {@code period}, zero when nothing has been reserved or spent
   * yet: the accounts' own copy, changed by {@link #reserve} and {@link #settle} only.
   */
  public BudgetUsage usage(BudgetConfig budget, BudgetPeriod period) {
    return held.computeIfAbsent(new BudgetPeriodId(budget.id(), period.start()), p -> {
      String key = BudgetStateKey.of(budget.id(), period.start());
      BudgetUsage stored = store.get(key);
      return new Held(key, stored != null ? stored : BudgetUsage.newBuilder()
          .setBudgetId(budget.id())
          .setPeriodStart(period.start())
          .setPeriodEnd(period.end())
          .setUpdatedAt(period.start())
          .build());
    }).usage();
  }

  /** Each budget's usage in its period at {@code now}, in the order of {@code budgets}: one read each. */
  public List<BudgetUsage> current(List<BudgetConfig> budgets, Instant now) {
    List<BudgetUsage> current = new ArrayList<>(budgets.size());
    for (BudgetConfig budget : budgets) {
      BudgetPeriod period = currentPeriods.get(budget.id());
      if (period == null || !period.contains(now)) {
        period = BudgetPeriod.of(budget, now);
        currentPeriods.put(budget.id(), period);
      }
      current.add(usage(budget, period));
    }
    return current;
  }

  /**
   * Reserves {@code estimate} against each of {@code usages} (from {@link #current}, just checked).
   *
   * @return what was reserved, for {@link #settle} once the request's outcome arrives
   */
  public RequestReservation reserve(List<BudgetUsage> usages, long estimate, Instant now) {
    List<String> ids = new ArrayList<>(usages.size());
    for (BudgetUsage usage : usages) {
      usage.setReservedMicros(usage.getReservedMicros() + estimate);
      usage.setInFlight(usage.getInFlight() + 1);
      save(usage, now);
      ids.add(usage.getBudgetId());
    }
    return new RequestReservation(estimate, ids, now);
  }

  /**
   * Settles a request: releases its {@code reservation} from the period it was made in, and
   * charges {@code costMicros} to the period that holds {@code completedAt}, the time its ledger
   * entries carry; one write when both are the same period. A budget removed from the
   * configuration since is left alone. The caller settles each reservation once.
   */
  public void settle(RequestReservation reservation, long costMicros, Instant completedAt, Budgets budgets,
      Instant now) {
    for (String id : reservation.getBudgetIds()) {
      BudgetConfig budget = budgets.byId(id);
      if (budget == null) {
        continue;
      }
      BudgetPeriod reservedIn = BudgetPeriod.of(budget, reservation.getReservedAt());
      BudgetUsage reserved = usage(budget, reservedIn);
      reserved.setReservedMicros(Math.max(0, reserved.getReservedMicros() - reservation.getEstimateMicros()));
      reserved.setInFlight(Math.max(0, reserved.getInFlight() - 1));
      BudgetUsage charged = reserved;
      if (!reservedIn.contains(completedAt)) {
        save(reserved, now);
        charged = usage(budget, BudgetPeriod.of(budget, completedAt));
      }
      charged.setSpentMicros(charged.getSpentMicros() + costMicros);
      save(charged, now);
    }
  }

  private void save(BudgetUsage usage, Instant now) {
    usage.setUpdatedAt(now);
    String key = held.get(new BudgetPeriodId(usage.getBudgetId(), usage.getPeriodStart())).key();
    store.put(key, usage);
    changed.accept(key, usage);
  }

  /** A usage held decoded, with its store key. */
  private record Held(String key, BudgetUsage usage) {}
}
