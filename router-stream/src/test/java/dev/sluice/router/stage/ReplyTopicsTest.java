package dev.sluice.router.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.FixedReplyTopicDirectory;
import dev.sluice.schemas.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTopicsTest {
  private final ReplyTopics replyTopics = new ReplyTopics(
      FixedReplyTopicDirectory.of("app.replies", TopicNames.REPLIES, TopicNames.REQUESTS, TopicNames.AUDIT,
          "llm.dispatch.openai"));

  @Test
  void existingTopicTakesReplies() {
    assertThat(replyTopics.problem("app.replies")).isEmpty();
    assertThat(replyTopics.problem(TopicNames.REPLIES)).isEmpty();
  }

  @Test
  void missingTopicIsRefused() {
    assertThat(replyTopics.problem("app.gone"))
        .hasValue("reply_topic 'app.gone' does not exist; create it before sending requests");
  }

  @ParameterizedTest
  @ValueSource(strings = {"llm.requests", "llm.audit", "llm.dispatch.openai", "llm.dispatch.unknown", "llm.cost-ledger"})
  void sluiceTopicsAreRefusedEvenWhenTheyExist(String topic) {
    assertThat(replyTopics.problem(topic)).hasValue("reply_topic '" + topic + "' is a Sluice topic and cannot receive replies");
  }

  @Test
  void blankTopicIsRefused() {
    assertThat(replyTopics.problem("")).hasValue("reply_topic is blank; leave it out to get replies on llm.replies");
  }

  @Test
  void longMissingTopicNameIsCutInTheMessage() {
    assertThat(replyTopics.problem("t".repeat(500)).orElseThrow()).contains("t".repeat(120) + "...'").hasSizeLessThan(200);
  }
}
