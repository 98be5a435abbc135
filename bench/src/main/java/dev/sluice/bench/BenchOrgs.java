package dev.sluice.bench;

import java.util.Locale;

/**
 * The orgs the load is spread over: {@code org-0000}, {@code org-0001}, ..., each with one virtual
 * key, and with {@code budgets} an org budget per day and a key budget per month for each, set so
 * high that they never refuse a request: a run then measures checking and reserving, not refusals.
 *
 * @param count how many orgs, at least 1
 * @param budgets whether each org and its key have budgets
 */
record BenchOrgs(int count, boolean budgets) {
  BenchOrgs {
    if (count < 1) {
      throw new IllegalArgumentException("the number of orgs must be >= 1, but was " + count);
    }
  }

  String org(int index) {
    return String.format(Locale.ROOT, "org-%04d", index);
  }

  String keyId(int index) {
    return org(index) + "-key";
  }

  /** The secret of org {@code index}'s key; as public as the benchmark's config, which holds only its SHA-256. */
  String secret(int index) {
    return "sk-bench-" + org(index);
  }

  /** For the report: "1,000 orgs, budgets on (org per day and key per month each, never binding)". */
  String describe() {
    return String.format(Locale.ROOT, "%,d org%s, budgets %s", count, count == 1 ? "" : "s",
        budgets ? "on (org per day and key per month each, never binding)" : "off");
  }
}
