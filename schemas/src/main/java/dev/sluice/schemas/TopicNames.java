package dev.sluice.schemas;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The names of the topics Sluice reads and writes (see DESIGN.md, Topics). */
public final class TopicNames {
  public static final String REQUESTS = "llm.requests";
  public static final String REPLIES = "llm.replies";
  public static final String COST_LEDGER = "llm.cost-ledger";
  public static final String AUDIT = "llm.audit";
  public static final String DEAD_LETTER = "llm.dead-letter";
  public static final String DISPATCH_PREFIX = "llm.dispatch.";
  /**
   * Every terminal reply of a request that passed the dedupe stage, written to the router partition
   * that holds its dedupe entry and budget reservation. Needs as many partitions as
   * {@link #REQUESTS_BY_ORG}.
   */
  public static final String OUTCOMES = "llm.outcomes";
  public static final String PROVIDER_HEALTH = "llm.provider-health";
  /**
   * Authenticated requests keyed by org, so that one router task decides everything for a budget
   * root. Needs as many partitions as {@link #REQUESTS}.
   */
  public static final String REQUESTS_BY_ORG = "llm.requests.by-org";
  /**
   * Authenticated requests that may be answered by the semantic cache, keyed by org, on their way
   * to the question embedder, which embeds their question and passes them on to
   * {@link #REQUESTS_BY_ORG}. Any partition count.
   */
  public static final String REQUESTS_TO_EMBED = "llm.requests.to-embed";
  /** Spend per budget and period from the ledger, by the budget-ledger service. */
  public static final String BUDGET_STATE = "llm.budget-state";
  /** One alert per soft threshold crossed per budget and period. */
  public static final String BUDGET_ALERTS = "llm.budget-alerts";
  /** The router's spent and reserved amounts per budget and period. */
  public static final String BUDGET_RESERVATIONS = "llm.budget-reservations";
  /**
   * Requests to drop cache entries, keyed by namespace (the org), so each reaches the router task
   * that holds the namespace's entries. Needs as many partitions as {@link #REQUESTS_BY_ORG}.
   */
  public static final String CACHE_INVALIDATIONS = "llm.cache-invalidations";
  /** Provider batch jobs by job id: each job's latest state, so a restarted worker resumes them. */
  public static final String BATCH_JOBS = "llm.batch-jobs";

  /** Sluice's own topics apart from replies; dispatch topics are matched by prefix. */
  private static final Set<String> OWN_TOPICS = Set.of(REQUESTS, REQUESTS_BY_ORG, REQUESTS_TO_EMBED, COST_LEDGER, AUDIT, DEAD_LETTER,
      OUTCOMES, BUDGET_STATE, BUDGET_ALERTS, BUDGET_RESERVATIONS, PROVIDER_HEALTH, BATCH_JOBS, CACHE_INVALIDATIONS);

  /** Topics that keep the latest value per key (cleanup.policy=compact). */
  private static final Set<String> COMPACTED = Set.of(PROVIDER_HEALTH, BUDGET_STATE, BUDGET_RESERVATIONS, BATCH_JOBS);

  private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private TopicNames() {}

  /** The standard-lane dispatch topic of one provider, e.g. {@code llm.dispatch.openai}. */
  public static String dispatch(String providerId) {
    return dispatch(providerId, Lane.STANDARD);
  }

  /**
   * The dispatch topic of one provider's lane: {@code llm.dispatch.openai} for the standard lane,
   * {@code llm.dispatch.openai.interactive} and {@code llm.dispatch.openai.deferred} for the others.
   * A provider id has no dot, so no lane topic can be another provider's.
   */
  public static String dispatch(String providerId, Lane lane) {
    if (!isValidProviderId(providerId)) {
      throw new IllegalArgumentException(
          "provider id must match " + PROVIDER_ID.pattern() + " to name a topic, but was '" + providerId + "'");
    }
    return lane == Lane.STANDARD ? DISPATCH_PREFIX + providerId : DISPATCH_PREFIX + providerId + "." + lane.id();
  }

  /** Whether a provider id can be used in a dispatch topic name. */
  public static boolean isValidProviderId(String providerId) {
    return providerId != null && PROVIDER_ID.matcher(providerId).matches();
  }

  /** Whether {@code topic} is one of Sluice's own topics other than a reply topic: never a valid reply topic. */
  public static boolean isReserved(String topic) {
    return OWN_TOPICS.contains(topic) || topic.startsWith(DISPATCH_PREFIX);
  }

  /** Whether the topic must be created with {@code cleanup.policy=compact}. */
  public static boolean isCompacted(String topic) {
    return COMPACTED.contains(topic);
  }

  /** Every topic the gateway needs for the given providers. */
  public static List<String> all(Collection<String> providerIds) {
    List<String> fixed = List.of(REQUESTS, REQUESTS_BY_ORG, REQUESTS_TO_EMBED, REPLIES, COST_LEDGER, AUDIT, DEAD_LETTER, OUTCOMES,
        PROVIDER_HEALTH, BUDGET_STATE, BUDGET_ALERTS, BUDGET_RESERVATIONS, CACHE_INVALIDATIONS, BATCH_JOBS);
    return java.util.stream.Stream.concat(fixed.stream(), providerIds.stream()
            .flatMap(id -> java.util.Arrays.stream(Lane.values()).map(lane -> dispatch(id, lane))))
        .toList();
  }
}
