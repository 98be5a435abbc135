package dev.sluice.streams.errors;

import dev.sluice.schemas.DeadLetters;
import dev.sluice.schemas.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a Kafka Streams application cannot decode goes to llm.dead-letter with the reason, and
 * the application goes on. Records of global stores are read by the global thread, which cannot
 * send dead letters: the topics named in {@value #GLOBAL_TOPICS_CONFIG} (comma-separated) are
 * logged and skipped instead; what they hold is advisory or replaced by the next record of the key.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  /** The topics read by global stores. */
  public static final String GLOBAL_TOPICS_CONFIG = "sluice.dead.letter.global.topics";

  private String topic = TopicNames.DEAD_LETTER;
  private Set<String> globalTopics = Set.of();

  @Override
  public void configure(Map<String, ?> configs) {
    topic = DeadLetterRecords.topic(configs, TopicNames.DEAD_LETTER);
    Object global = configs.get(GLOBAL_TOPICS_CONFIG);
    globalTopics = global == null || global.toString().isBlank() ? Set.of() : Set.of(global.toString().split(","));
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = DeadLetters.undecodable(record.topic(), exception);
    if (globalTopics.contains(record.topic())) {
      log.warn("{} at {}-{}-{}; it is skipped", reason, record.topic(), record.partition(), record.offset());
      return Response.resume();
    }
    log.error("{} at {}-{}-{}; it goes to {} and the application carries on", reason, record.topic(), record.partition(),
        record.offset(), topic);
    return Response.resume(List.of(DeadLetterRecords.from(context, topic, reason)));
  }
}
