package dev.sluice.schemas.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which budgets contain which: an org's budget contains its teams', customers', workflows' and
 * keys' budgets; a team's contains its keys'. A child may have a larger limit than its parent (the
 * parent still binds), which is allowed but most likely a mistake, so it is warned about.
 */
public final class BudgetHierarchy {
  private BudgetHierarchy() {}

  /** One line per child budget whose limit is larger than a parent's of the same period. */
  public static List<String> warnings(GatewayConfig config) {
    List<String> warnings = new ArrayList<>();
    List<BudgetConfig> budgets = config.budgets();
    for (int c = 0; c < budgets.size(); c++) {
      for (int p = 0; p < budgets.size(); p++) {
        BudgetConfig child = budgets.get(c);
        BudgetConfig parent = budgets.get(p);
        if (c != p && child.period().equals(parent.period()) && child.limit().compareTo(parent.limit()) > 0
            && contains(parent.scope(), child.scope(), config)) {
          warnings.add("budgets[" + c + "] '" + child.id() + "' (" + child.scope().name() + ") has a " + child.period()
              + " limit of " + child.limit().toPlainString() + ", larger than the " + parent.limit().toPlainString()
              + " of budgets[" + p + "] '" + parent.id() + "' (" + parent.scope().name() + ") that contains it;"
              + " the smaller limit binds");
        }
      }
    }
    return warnings;
  }

  /** Whether every request counted by {@code child} is also counted by {@code parent}. */
  static boolean contains(BudgetScope parent, BudgetScope child, GatewayConfig config) {
    BudgetScope.Kind parentKind = parent.kind();
    BudgetScope.Kind childKind = child.kind();
    if (childKind == BudgetScope.Kind.KEY) {
      Optional<VirtualKeyConfig> key = config.keys().stream().filter(k -> k.id().equals(child.key())).findFirst();
      return key.isPresent() && (parentKind == BudgetScope.Kind.ORG && parent.org().equals(key.get().org())
          || parentKind == BudgetScope.Kind.TEAM && parent.org().equals(key.get().org())
              && parent.team().equals(key.get().team()));
    }
    return parentKind == BudgetScope.Kind.ORG && childKind != BudgetScope.Kind.ORG && parent.org().equals(child.org());
  }
}
