package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.TopicNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceTopicsTest {

  @Test
  void sourceTopicsWithOutcomesPartitionedLikeRequestsAreFine() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 3, TopicNames.OUTCOMES, 3,
        TopicNames.PROVIDER_HEALTH, 1))).isEmpty();
  }

  @Test
  void outcomesWithOtherPartitionsThanRequestsAreRefused() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 6, TopicNames.OUTCOMES, 3,
        TopicNames.PROVIDER_HEALTH, 1)))
        .hasValue("llm.outcomes has 3 partitions, but must have as many as llm.requests, which has 6: each outcome "
            + "goes back to the partition of its request, whose task holds its dedupe entry");
  }

  @Test
  void missingTopicsAreNamed() {
    assertThat(SourceTopics.problem(Map.of(TopicNames.REQUESTS, 3)))
        .hasValue("the router reads [llm.requests, llm.outcomes, llm.provider-health], but "
            + "[llm.outcomes, llm.provider-health] do not exist; create them before starting it");
  }
}
