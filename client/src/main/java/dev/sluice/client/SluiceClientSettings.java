package dev.sluice.client;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link SluiceClient} connects to and how long it waits.
 *
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param replyTopic the topic this client reads replies from and names in its requests
 * @param timeout how long a request may wait for its reply before its future fails
 * @param serdes the Avro serdes (with or without a schema registry)
 */
public record SluiceClientSettings(String bootstrapServers, String replyTopic, Duration timeout, SluiceSerdes serdes) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public SluiceClientSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank, but was '" + bootstrapServers + "'");
    }
    if (replyTopic == null || replyTopic.isBlank()) {
      throw new IllegalArgumentException("replyTopic must not be blank, but was '" + replyTopic + "'");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
    }
    Objects.requireNonNull(serdes, "serdes");
  }

  /** Replies on {@code llm.replies}, a 60 s timeout, no schema registry. */
  public static SluiceClientSettings of(String bootstrapServers) {
    return new SluiceClientSettings(bootstrapServers, TopicNames.REPLIES, DEFAULT_TIMEOUT, SluiceSerdes.withoutRegistry());
  }

  public SluiceClientSettings withReplyTopic(String topic) {
    return new SluiceClientSettings(bootstrapServers, topic, timeout, serdes);
  }

  public SluiceClientSettings withTimeout(Duration newTimeout) {
    return new SluiceClientSettings(bootstrapServers, replyTopic, newTimeout, serdes);
  }

  public SluiceClientSettings withSerdes(SluiceSerdes newSerdes) {
    return new SluiceClientSettings(bootstrapServers, replyTopic, timeout, newSerdes);
  }
}
