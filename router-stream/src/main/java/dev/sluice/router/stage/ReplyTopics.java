package dev.sluice.router.stage;

import static dev.sluice.router.stage.CallerText.echo;

import dev.sluice.router.ReplyTopicDirectory;
import dev.sluice.schemas.TopicNames;
import java.util.Optional;

/**
 * Decides whether a caller-named topic may receive replies. It must exist, because with broker
 * auto-creation off a send to a missing topic stalls the producer (and with it the stream
 * thread); and it must not be one of Sluice's own topics, or a caller could write replies into
 * llm.requests or a dispatch topic.
 */
public final class ReplyTopics {
  private final ReplyTopicDirectory directory;

  public ReplyTopics(ReplyTopicDirectory directory) {
    this.directory = directory;
  }

  /** Why replies cannot go to {@code topic}, or empty if they can. */
  public Optional<String> problem(String topic) {
    if (topic.isBlank()) {
      return Optional.of("reply_topic is blank; leave it out to get replies on " + TopicNames.REPLIES);
    }
    if (TopicNames.isReserved(topic)) {
      return Optional.of("reply_topic '" + topic + "' is a Sluice topic and cannot receive replies");
    }
    if (!directory.exists(topic)) {
      return Optional.of("reply_topic '" + echo(topic) + "' does not exist; create it before sending requests");
    }
    return Optional.empty();
  }
}
