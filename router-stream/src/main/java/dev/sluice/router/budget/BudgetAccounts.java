package dev.sluice.router.budget;

import dev.sluice.schemas.BudgetStateKey;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.RequestReservation;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetPeriod;
import dev.sluice.schemas.config.Budgets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The router's books for the budgets of one task's orgs: a {@link BudgetUsage} per budget and
 * period (spent by settled requests, reserved by requests in flight) and a
 * {@link RequestReservation} per request in flight. Reserving and settling both happen on the
 * org's one partition, so no two decisions about a budget ever race.
 *
 * <p>Remembers which usages changed, so that they can be published in bulk
 * ({@link #publishChanged}) rather than on every request.
 */
public final class BudgetAccounts {
  private final KeyValueStore<String, BudgetUsage> usages;
  private final KeyValueStore<String, RequestReservation> reservations;
  private final Set<String> changed = new LinkedHashSet<>();

  public BudgetAccounts(KeyValueStore<String, BudgetUsage> usages,
      KeyValueStore<String, RequestReservation> reservations) {
    this.usages = usages;
    this.reservations = reservations;
  }

  /** The usage of {@code budget} in {@code period}: zero when nothing has been reserved or spent yet. */
  public BudgetUsage usage(BudgetConfig budget, BudgetPeriod period) {
    BudgetUsage usage = usages.get(BudgetStateKey.of(budget.id(), period.start()));
    return usage != null ? usage : BudgetUsage.newBuilder()
        .setBudgetId(budget.id())
        .setPeriodStart(period.start())
        .setPeriodEnd(period.end())
        .setUpdatedAt(period.start())
        .build();
  }

  /** Each budget's usage in its period at {@code now}, in the order of {@code budgets}: one read each. */
  public List<BudgetUsage> current(List<BudgetConfig> budgets, Instant now) {
    List<BudgetUsage> current = new ArrayList<>(budgets.size());
    for (BudgetConfig budget : budgets) {
      current.add(usage(budget, BudgetPeriod.of(budget, now)));
    }
    return current;
  }

  /**
   * Reserves {@code estimate} against each of {@code usages} (from {@link #current}, just checked),
   * for the request under {@code key}.
   */
  public void reserve(String key, String requestId, List<BudgetUsage> usages, long estimate, Instant now) {
    List<String> ids = new ArrayList<>(usages.size());
    for (BudgetUsage usage : usages) {
      usage.setReservedMicros(usage.getReservedMicros() + estimate);
      usage.setInFlight(usage.getInFlight() + 1);
      save(usage, now);
      ids.add(usage.getBudgetId());
    }
    reservations.put(key, new RequestReservation(requestId, estimate, ids, now));
  }

  /**
   * Settles the request under {@code key}: releases its reservation from the period it was made
   * in, and charges {@code costMicros} to the period that holds {@code completedAt}, the time its
   * ledger entries carry; one write when both are the same period. A budget removed from the
   * configuration since is left alone.
   *
   * @return the reservation settled; empty when the request had none (no budget counted it, or it
   *     was settled already)
   */
  public Optional<RequestReservation> settle(String key, long costMicros, Instant completedAt, Budgets budgets,
      Instant now) {
    RequestReservation reservation = reservations.get(key);
    if (reservation == null) {
      return Optional.empty();
    }
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
    reservations.delete(key);
    return Optional.of(reservation);
  }

  /** Hands each usage changed since the last call to {@code out}, keyed by {@link BudgetStateKey}. */
  public void publishChanged(BiConsumer<String, BudgetUsage> out) {
    for (String key : changed) {
      BudgetUsage usage = usages.get(key);
      if (usage != null) {
        out.accept(key, usage);
      }
    }
    changed.clear();
  }

  private void save(BudgetUsage usage, Instant now) {
    usage.setUpdatedAt(now);
    String key = BudgetStateKey.of(usage.getBudgetId(), usage.getPeriodStart());
    usages.put(key, usage);
    changed.add(key);
  }
}
