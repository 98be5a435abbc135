package dev.sluice.schemas.config;

/**
 * What a budget counts: one org, a team of an org, a virtual key, or a customer or workflow (from
 * request metadata) within an org. Exactly one of the shapes below:
 * {@code {org}}, {@code {org, team}}, {@code {key}}, {@code {org, customer}}, {@code {org, workflow}}.
 *
 * @param org the budget root; required except for a key budget, whose org is the key's
 * @param team a team of the org
 * @param key a virtual key id
 * @param customer the {@code customer} metadata value
 * @param workflow the {@code workflow} metadata value
 */
public record BudgetScope(String org, String team, String key, String customer, String workflow) {

  /** The kind of scope, or null when the fields match none of the shapes. */
  public Kind kind() {
    int dimensions = (team != null ? 1 : 0) + (customer != null ? 1 : 0) + (workflow != null ? 1 : 0);
    if (key != null) {
      return org == null && dimensions == 0 ? Kind.KEY : null;
    }
    if (org == null || dimensions > 1) {
      return null;
    }
    return team != null ? Kind.TEAM : customer != null ? Kind.CUSTOMER : workflow != null ? Kind.WORKFLOW : Kind.ORG;
  }

  /** A stable, readable name: {@code org:acme}, {@code org:acme/team:payments}, {@code key:batch-key}... */
  public String name() {
    if (key != null) {
      return "key:" + key;
    }
    String root = "org:" + org;
    return team != null ? root + "/team:" + team
        : customer != null ? root + "/customer:" + customer
        : workflow != null ? root + "/workflow:" + workflow
        : root;
  }

  public enum Kind { ORG, TEAM, KEY, CUSTOMER, WORKFLOW }
}
