package dev.sluice.schemas.config;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Checks the {@code budgets} section: shapes, references to orgs, teams and keys, periods, limits. */
final class BudgetValidator {
  private final GatewayConfig config;
  private final ConfigValidator checks;

  BudgetValidator(GatewayConfig config, ConfigValidator checks) {
    this.config = config;
    this.checks = checks;
  }

  void check(ConfigPath at) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < config.budgets().size(); i++) {
      BudgetConfig budget = config.budgets().get(i);
      ConfigPath b = at.index(i);
      if (budget == null) {
        checks.problem(b, "a budget needs id, scope, period and limit");
        continue;
      }
      if (budget.id() == null || budget.id().isBlank()) {
        checks.problem(b.field("id"), "id is required");
      } else if (!ids.add(budget.id())) {
        checks.problem(b.field("id"), "duplicate budget id '" + budget.id() + "'");
      }
      checkScope(b.field("scope"), budget.scope());
      checkPeriod(b, budget);
      if (budget.limit() == null) {
        checks.problem(b.field("limit"), "required: the hard limit in dollars per period, e.g. 500.00");
      } else {
        checks.price(b.field("limit"), budget.limit());
      }
      for (int t = 0; t < budget.thresholds().size(); t++) {
        BigDecimal share = budget.thresholds().get(t);
        if (share == null || share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
          checks.problem(b.field("thresholds").index(t), "a threshold is a share of the limit in (0, 1], e.g. 0.8, but was " + share);
        }
      }
      if (budget.webhook() != null) {
        checks.checkUrl(b.field("webhook").field("url"), budget.webhook().url());
        if (budget.webhook().secretEnv() == null) {
          checks.problem(b.field("webhook").field("secret_env"), "required: the environment variable holding the signing secret");
        }
        checks.envVar(b.field("webhook").field("secret_env"), budget.webhook().secretEnv());
      }
    }
  }

  private void checkPeriod(ConfigPath b, BudgetConfig budget) {
    if (!BudgetConfig.PERIODS.contains(budget.period())) {
      checks.problem(b.field("period"), "period must be one of " + BudgetConfig.PERIODS + ", but was '" + budget.period() + "'");
    }
    try {
      ZoneId.of(budget.zone());
    } catch (DateTimeException e) {
      checks.problem(b.field("zone"), "not a time zone: '" + budget.zone() + "' (e.g. UTC, Europe/Berlin)");
    }
  }

  private void checkScope(ConfigPath at, BudgetScope scope) {
    if (scope == null || scope.kind() == null) {
      checks.problem(at, "scope must be one of {org}, {org, team}, {key}, {org, customer}, {org, workflow}, but was "
          + (scope == null ? "missing" : describe(scope)));
      return;
    }
    List<VirtualKeyConfig> keys = config.keys();
    if (scope.kind() == BudgetScope.Kind.KEY) {
      if (keys.stream().noneMatch(k -> scope.key().equals(k.id()))) {
        checks.problem(at.field("key"), "unknown key '" + scope.key() + "' (known: " + ids(keys) + ")");
      }
      return;
    }
    Set<String> orgs = new TreeSet<>(keys.stream().map(VirtualKeyConfig::org).filter(Objects::nonNull).toList());
    if (!orgs.contains(scope.org())) {
      checks.problem(at.field("org"), "unknown org '" + scope.org() + "' (known from keys: " + orgs + ")");
    } else if (scope.kind() == BudgetScope.Kind.TEAM) {
      Set<String> teams = new TreeSet<>(keys.stream().filter(k -> scope.org().equals(k.org()))
          .map(VirtualKeyConfig::team).filter(Objects::nonNull).toList());
      if (!teams.contains(scope.team())) {
        checks.problem(at.field("team"), "unknown team '" + scope.team() + "' of org '" + scope.org() + "' (known: " + teams + ")");
      }
    }
  }

  private static Set<String> ids(List<VirtualKeyConfig> keys) {
    return new TreeSet<>(keys.stream().map(VirtualKeyConfig::id).filter(Objects::nonNull).toList());
  }

  private static String describe(BudgetScope scope) {
    return "{" + String.join(", ", new TreeSet<>(java.util.stream.Stream.of(
        scope.org() != null ? "org" : null, scope.team() != null ? "team" : null, scope.key() != null ? "key" : null,
        scope.customer() != null ? "customer" : null, scope.workflow() != null ? "workflow" : null)
        .filter(Objects::nonNull).toList())) + "}";
  }
}
