package dev.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicNamesTest {
  @Test
  void theGatewayNeedsOutcomesHealthAndBudgetTopicsNextToItsOtherTopics() {
    assertThat(TopicNames.all(List.of("openai"))).containsExactly("llm.requests", "llm.requests.by-org",
        "llm.requests.to-embed", "llm.replies", "llm.cost-ledger", "llm.audit", "llm.dead-letter", "llm.outcomes", "llm.provider-health",
        "llm.budget-state", "llm.budget-alerts", "llm.budget-reservations", "llm.cache-invalidations", "llm.batch-jobs",
        "llm.dispatch.openai.interactive", "llm.dispatch.openai", "llm.dispatch.openai.deferred");
  }

  @Test
  void eachLaneOfAProviderHasItsOwnDispatchTopic() {
    assertThat(TopicNames.dispatch("openai", Lane.INTERACTIVE)).isEqualTo("llm.dispatch.openai.interactive");
    assertThat(TopicNames.dispatch("openai", Lane.STANDARD)).isEqualTo("llm.dispatch.openai").isEqualTo(TopicNames.dispatch("openai"));
    assertThat(TopicNames.dispatch("openai", Lane.DEFERRED)).isEqualTo("llm.dispatch.openai.deferred");
    assertThat(TopicNames.isReserved("llm.dispatch.openai.deferred")).isTrue();
  }

  @Test
  void onlyStateTopicsAreCompacted() {
    assertThat(TopicNames.all(List.of("openai"))).filteredOn(TopicNames::isCompacted)
        .containsExactly(TopicNames.PROVIDER_HEALTH, TopicNames.BUDGET_STATE, TopicNames.BUDGET_RESERVATIONS,
            TopicNames.BATCH_JOBS);
    assertThat(TopicNames.isCompacted(TopicNames.BATCH_JOBS)).isTrue();
    assertThat(TopicNames.isCompacted(TopicNames.COST_LEDGER)).isFalse();
  }

  @Test
  void ownTopicsAreNoReplyTopics() {
    assertThat(TopicNames.isReserved(TopicNames.OUTCOMES)).isTrue();
    assertThat(TopicNames.isReserved(TopicNames.REQUESTS_BY_ORG)).isTrue();
    assertThat(TopicNames.isReserved(TopicNames.REQUESTS_TO_EMBED)).isTrue();
    assertThat(TopicNames.isReserved("llm.dispatch.anything")).isTrue();
    assertThat(TopicNames.isReserved("team-a.replies")).isFalse();
  }
}
