package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.TopicNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceTopicsTest {

  @Test
  void sourceTopicsWithOutcomesPartitionedLikeTheOrgKeyedRequestsAreFine() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 6, TopicNames.REQUESTS_BY_ORG, 3,
        TopicNames.OUTCOMES, 3, TopicNames.PROVIDER_HEALTH, 1, TopicNames.BUDGET_STATE, 1,
        TopicNames.CACHE_INVALIDATIONS, 3, TopicNames.REQUESTS_TO_EMBED, 2))).isEmpty();
  }

  @Test
  void outcomesWithOtherPartitionsThanTheOrgKeyedRequestsAreRefused() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 3, TopicNames.REQUESTS_BY_ORG, 6,
        TopicNames.OUTCOMES, 3, TopicNames.PROVIDER_HEALTH, 1, TopicNames.BUDGET_STATE, 1,
        TopicNames.CACHE_INVALIDATIONS, 6, TopicNames.REQUESTS_TO_EMBED, 3)))
        .hasValue("llm.outcomes has 3 partitions, but must have as many as llm.requests.by-org, which has 6: each "
            + "outcome goes back to the partition of its request, whose task holds its dedupe entry and budget "
            + "reservation");
  }

  @Test
  void invalidationsWithOtherPartitionsThanTheOrgKeyedRequestsAreRefused() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 3, TopicNames.REQUESTS_BY_ORG, 3,
        TopicNames.OUTCOMES, 3, TopicNames.PROVIDER_HEALTH, 1, TopicNames.BUDGET_STATE, 1,
        TopicNames.CACHE_INVALIDATIONS, 1, TopicNames.REQUESTS_TO_EMBED, 3)))
        .hasValue("llm.cache-invalidations has 1 partitions, but must have as many as llm.requests.by-org, which has "
            + "3: an invalidation keyed by org must reach the task that holds the org's cache entries");
  }

  @Test
  void missingTopicsAreNamed() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 3)))
        .hasValue("the router reads [llm.requests, llm.requests.by-org, llm.requests.to-embed, llm.outcomes, "
            + "llm.provider-health, llm.budget-state, llm.cache-invalidations], but [llm.requests.by-org, "
            + "llm.requests.to-embed, llm.outcomes, llm.provider-health, llm.budget-state, llm.cache-invalidations] "
            + "do not exist; create them before starting it");
  }
}
