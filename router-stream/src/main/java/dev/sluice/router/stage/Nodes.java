package dev.sluice.router.stage;

/**
 * Names of the nodes of the router's topology and of its question embedder's. Processors forward to their children by these names, and
 * {@code RouterTopologyTest} pins them, because renaming a node changes the topology.
 */
public final class Nodes {
  public static final String FROM_REQUESTS = "from-requests";
  public static final String INTAKE = "intake";
  public static final String VALIDATE = "validate";
  public static final String AUTHENTICATE = "authenticate";
  public static final String SPLIT_FOR_EMBEDDING = "split-for-embedding";
  public static final String TO_REQUESTS_TO_EMBED = "to-requests-to-embed";
  public static final String TO_REQUESTS_BY_ORG = "to-requests-by-org";
  public static final String FROM_REQUESTS_BY_ORG = "from-requests-by-org";
  public static final String DEDUPE = "dedupe";
  public static final String CACHE = "cache";
  public static final String BUDGET = "budget";
  public static final String ROUTE = "route";
  public static final String BATCH = "batch";
  public static final String TO_DISPATCH = "to-dispatch";
  public static final String REJECT = "reject";
  public static final String TO_REPLIES = "to-replies";
  public static final String TO_AUDIT = "to-audit";
  public static final String TO_DEAD_LETTER = "to-dead-letter";
  public static final String FROM_OUTCOMES = "from-outcomes";
  public static final String RECORD_OUTCOME = "record-outcome";
  public static final String TO_BUDGET_RESERVATIONS = "to-budget-reservations";
  public static final String TO_COST_LEDGER = "to-cost-ledger";
  public static final String FROM_CACHE_INVALIDATIONS = "from-cache-invalidations";
  public static final String FROM_PROVIDER_HEALTH = "from-provider-health";
  public static final String UPDATE_PROVIDER_HEALTH = "update-provider-health";
  public static final String FROM_BUDGET_STATE = "from-budget-state";
  public static final String UPDATE_BUDGET_STATE = "update-budget-state";
  /** The question embedder's. */
  public static final String FROM_REQUESTS_TO_EMBED = "from-requests-to-embed";
  public static final String EMBED = "embed";

  private Nodes() {}
}
