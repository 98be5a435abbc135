package dev.sluice.router.stage;

import dev.sluice.router.budget.BudgetAccounts;
import dev.sluice.router.budget.BudgetCheck;
import dev.sluice.router.budget.RecentBudgetStates;
import dev.sluice.router.budget.CostEstimator;
import dev.sluice.router.routing.RouteTargets;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.DedupeEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetSubject;
import dev.sluice.schemas.config.Budgets;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.RouteConfig;
import dev.sluice.schemas.money.MicroDollars;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 5: what a request may cost, and whether its budgets can pay for it.
 *
 * <ol>
 *   <li>Each target the request may go to is estimated ({@link CostEstimator}); with
 *       {@code max_cost_micros} set, targets estimated above it are skipped, and a request none
 *       of whose targets fits is refused with {@code budget_exceeded} (param {@code max_cost_micros}).
 *   <li>The estimate is the most expensive remaining target's, since failover may end there.
 *   <li>It is checked against every budget that counts the request (org, team, key, customer,
 *       workflow: {@link Budgets#applying}) by {@link BudgetCheck}; the first it would overrun
 *       refuses it with {@code budget_exceeded}, naming the budget, its limit, spent and reserved
 *       amounts and the reset time. Otherwise it is reserved against all of them at once, and the
 *       reservation is kept in the request's dedupe entry, stored again under the same key and
 *       time: the store's cache makes one write of the two puts.
 * </ol>
 *
 * <p>It also settles: when a request's first terminal reply arrives on llm.outcomes,
 * {@link OutcomeProcessor} hands it on with the reservation from the request's dedupe entry
 * ({@link Settlement}), and the estimate is released and the actual cost charged
 * ({@link BudgetAccounts#settle}). The worker writes that reply in the same transaction as the
 * request's ledger entries, and its {@code cost_micros} is their sum, so the router's spend is the
 * ledger's without waiting for the budget-ledger service. Both halves keep one set of books per task.
 *
 * <p>This stage runs on llm.requests.by-org, and llm.outcomes is partitioned alike: every request
 * and outcome of one org passes through one task, one at a time, so a check and its reservation
 * can never interleave with another's. Spent + reserved therefore never exceeds a limit while
 * estimates are upper bounds of the actual cost.
 *
 * <p>Usages that changed are published to llm.budget-reservations once a second (wall clock).
 */
public final class BudgetProcessor extends ContextualProcessor<String, Object, String, Object> {
  /** The ledger sends each budget's state once a second: reading it more often learns nothing. */
  static final Duration LEDGER_STATE_MAX_AGE = Duration.ofSeconds(1);

  private final Budgets budgets;
  private final CostEstimator estimator;
  private final Map<String, RouteConfig> routes;
  private final Duration dedupeWindow;
  private final Clock clock;
  private BudgetAccounts accounts;
  private BudgetCheck check;
  private DedupeEntries entries;

  /**
   * @param dedupeWindow how long the dedupe store keeps an entry
   * @param clock "now": which period a reservation falls in
   */
  public BudgetProcessor(GatewayConfig config, Budgets budgets, Duration dedupeWindow, Clock clock) {
    this.budgets = budgets;
    this.estimator = new CostEstimator(config);
    this.routes = config.routes();
    this.dedupeWindow = dedupeWindow;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    accounts = BudgetUsagePublisher.accountsPublishedBy(context, clock.instant());
    KeyValueStore<String, BudgetState> ledger = context.getStateStore(RouterStores.BUDGET_STATE);
    check = new BudgetCheck(new RecentBudgetStates(ledger::get, clock, LEDGER_STATE_MAX_AGE));
    entries = new DedupeEntries(context, dedupeWindow);
  }

  @Override
  public void process(Record<String, Object> record) {
    switch (record.value()) {
      case Admitted admitted -> admit(record.withValue(admitted));
      case Settlement settlement -> settle(settlement);
      default -> throw new IllegalArgumentException("the budget stage takes admitted requests and settlements, not "
          + record.value().getClass().getName());
    }
  }

  private void settle(Settlement settlement) {
    LlmReply reply = settlement.reply();
    accounts.settle(settlement.reservation(), reply.getCostMicros(), reply.getCompletedAt(), budgets, clock.instant());
  }

  private void admit(Record<String, Admitted> record) {
    Admitted admitted = record.value();
    Authenticated request = admitted.request();
    LlmRequest r = request.inbound().request();
    List<BudgetConfig> applying = budgets.applying(BudgetSubject.of(request.caller(), r.getMetadata()));
    Long cap = r.getMaxCostMicros();
    if (applying.isEmpty() && cap == null) {
      context().forward(record.withValue(new Budgeted(admitted, null, 0)), Nodes.ROUTE);
      return;
    }
    List<RouteTarget> targets = RouteTargets.of(routes, r.getModel());
    String route = routes.containsKey(r.getModel()) ? r.getModel() : null;
    List<CostEstimator.Estimate> estimates = estimator.estimateAll(targets, r.getMessages(), r.getMaxTokens(), route);
    Set<String> affordable = new HashSet<>();
    long estimate = -1;
    long cheapest = Long.MAX_VALUE;
    for (int i = 0; i < targets.size(); i++) {
      long cost = estimates.get(i).costMicros();
      cheapest = Math.min(cheapest, cost);
      if (cap == null || cost <= cap) {
        affordable.add(targets.get(i).getProvider() + "/" + targets.get(i).getModel());
        estimate = Math.max(estimate, cost);
      }
    }
    if (affordable.isEmpty()) {
      reject(record, "max_cost_micros", "max_cost_micros is " + cap + " (" + MicroDollars.format(cap)
          + ") but every target of '" + r.getModel() + "' is estimated higher; the cheapest at "
          + MicroDollars.format(cheapest) + " for its prompt and " + estimates.get(0).outputTokens()
          + " output tokens: lower max_tokens or raise max_cost_micros");
      return;
    }
    Instant now = clock.instant();
    List<BudgetUsage> usages = accounts.current(applying, now);
    Optional<BudgetCheck.Overrun> overrun = check.firstOverrun(applying, usages, estimate);
    if (overrun.isPresent()) {
      reject(record, null, overrun.get().message());
      return;
    }
    if (!applying.isEmpty()) {
      // The entry was made for this request by dedupe and is stored again here: no copy needed.
      DedupeEntry entry = admitted.entry();
      entry.setReservation(accounts.reserve(usages, estimate, now));
      entries.save(admitted.dedupeKey(), entry);
    }
    Set<String> allowed = cap == null ? null : affordable;
    context().forward(record.withValue(new Budgeted(admitted, allowed, applying.isEmpty() ? 0 : estimate)),
        Nodes.ROUTE);
  }

  private void reject(Record<String, Admitted> record, String param, String message) {
    context().forward(record.withValue(Rejection.of(record.value(), ErrorCode.BUDGET_EXCEEDED, param, message)),
        Nodes.REJECT);
  }
}
