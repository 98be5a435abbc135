package dev.sluice.client;

import dev.sluice.schemas.KafkaErrors;
import dev.sluice.schemas.avro.LlmReply;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the reply topic on its own thread and hands each reply to {@link PendingReplies}.
 * Owns its consumer: only the poll thread touches it after {@link #assignFromEnd()}, except
 * {@code wakeup()}, which is thread-safe.
 */
final class ReplyPoller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ReplyPoller.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final org.apache.kafka.clients.consumer.Consumer<String, LlmReply> consumer;
  private final String replyTopic;
  private final PendingReplies pending;
  private final Consumer<KafkaException> onFatal;
  private volatile boolean running = true;

  ReplyPoller(org.apache.kafka.clients.consumer.Consumer<String, LlmReply> consumer, String replyTopic,
      PendingReplies pending, Consumer<KafkaException> onFatal) {
    this.consumer = consumer;
    this.replyTopic = replyTopic;
    this.pending = pending;
    this.onFatal = onFatal;
  }

  /**
   * Assigns every partition of the reply topic at its current end, on the caller's thread and
   * before any request is sent, so no reply to this client's requests can be skipped.
   */
  void assignFromEnd() {
    List<PartitionInfo> infos = consumer.partitionsFor(replyTopic);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("reply topic '" + replyTopic + "' does not exist; create it first"
          + " (sluice up creates llm.replies)");
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy; resolving the positions now pins "the end" to before our first send.
    partitions.forEach(consumer::position);
  }

  @Override
  public void run() {
    try {
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      // Only stop() wakes the consumer: this is the normal way out.
    } catch (KafkaException e) {
      log.error("reading replies from {} failed; the client stops: {}", replyTopic, e.toString());
      onFatal.accept(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, LlmReply> record : consumer.poll(POLL_TIMEOUT)) {
        if (record.value() != null) {
          pending.complete(record.value());
        }
      }
    } catch (RecordDeserializationException e) {
      // Skip: one undecodable reply (another writer, a newer schema) must not stop all others.
      log.warn("skipping undecodable reply at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      if (KafkaErrors.classify(e) != KafkaErrors.Kind.RETRIABLE) {
        throw e;
      }
      // Retriable: the consumer recovers by itself (leader moved, broker restarting); poll again.
      log.warn("retriable error reading replies from {}: {}", replyTopic, e.toString());
    }
  }

  /** Makes {@link #run()} return soon; safe from any thread. */
  void stop() {
    running = false;
    consumer.wakeup();
  }
}
