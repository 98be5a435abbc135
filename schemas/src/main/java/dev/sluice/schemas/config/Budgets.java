package dev.sluice.schemas.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured budgets, indexed for the question asked of every request and ledger entry: which
 * budgets count this charge? Org, team, customer and workflow budgets are found by org, key
 * budgets by key id, so the answer costs the same with one org or thousands.
 */
public final class Budgets {
  private final Map<String, List<BudgetConfig>> byOrg = new HashMap<>();
  private final Map<String, List<BudgetConfig>> byKey = new HashMap<>();
  private final Map<String, BudgetConfig> byId = new HashMap<>();

  public Budgets(List<BudgetConfig> budgets) {
    for (BudgetConfig budget : budgets) {
      BudgetScope scope = budget.scope();
      if (scope.key() != null) {
        byKey.computeIfAbsent(scope.key(), k -> new ArrayList<>()).add(budget);
      } else {
        byOrg.computeIfAbsent(scope.org(), k -> new ArrayList<>()).add(budget);
      }
      byId.put(budget.id(), budget);
    }
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The budget with this id, or null. */
  public BudgetConfig byId(String id) {
    return byId.get(id);
  }

  /** Every budget that counts a charge for {@code subject}, in configuration order within org and key. */
  public List<BudgetConfig> applying(BudgetSubject subject) {
    List<BudgetConfig> orgBudgets = subject.org() == null ? List.of() : byOrg.getOrDefault(subject.org(), List.of());
    List<BudgetConfig> keyBudgets = subject.keyId() == null ? List.of() : byKey.getOrDefault(subject.keyId(), List.of());
    if (orgBudgets.isEmpty() && keyBudgets.isEmpty()) {
      return List.of();
    }
    List<BudgetConfig> applying = new ArrayList<>(orgBudgets.size() + keyBudgets.size());
    for (BudgetConfig budget : orgBudgets) {
      if (counts(budget.scope(), subject)) {
        applying.add(budget);
      }
    }
    applying.addAll(keyBudgets);
    return applying;
  }

  /** Whether an org-rooted scope counts the subject: same org, and the same team, customer or workflow if it names one. */
  private static boolean counts(BudgetScope scope, BudgetSubject subject) {
    return switch (scope.kind()) {
      case ORG -> true;
      case TEAM -> scope.team().equals(subject.team());
      case CUSTOMER -> scope.customer().equals(subject.customer());
      case WORKFLOW -> scope.workflow().equals(subject.workflow());
      case KEY -> false;
    };
  }
}
