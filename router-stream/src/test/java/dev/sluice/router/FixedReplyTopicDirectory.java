package dev.sluice.router;

import java.util.Set;

/** A directory of a fixed set of topics, for tests. */
public final class FixedReplyTopicDirectory implements ReplyTopicDirectory {
  private final Set<String> topics;

  public FixedReplyTopicDirectory(Set<String> topics) {
    this.topics = Set.copyOf(topics);
  }

  public static FixedReplyTopicDirectory of(String... topics) {
    return new FixedReplyTopicDirectory(Set.of(topics));
  }

  @Override
  public boolean exists(String topic) {
    return topics.contains(topic);
  }

  @Override
  public String toString() {
    return "FixedReplyTopicDirectory" + topics;
  }
}
