package dev.sluice.router.errors;

import dev.sluice.schemas.DeadLetters;
import dev.sluice.schemas.TopicNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the router cannot decode goes to llm.dead-letter with the reason, and the router goes
 * on. llm.requests is read as bytes and decoded at intake, so this meets llm.outcomes (a reply
 * that would complete a dedupe entry) and llm.provider-health. Health records are read by the
 * global thread, which cannot send dead letters: an undecodable one is logged and skipped, as it
 * is advisory and the next report replaces it.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private String topic = TopicNames.DEAD_LETTER;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = DeadLetterRecords.topic(configs, TopicNames.DEAD_LETTER);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = DeadLetters.undecodable(record.topic(), exception);
    if (TopicNames.PROVIDER_HEALTH.equals(record.topic())) {
      log.warn("{} at {}-{}-{}; it is skipped", reason, record.topic(), record.partition(), record.offset());
      return Response.resume();
    }
    log.error("{} at {}-{}-{}; it goes to {} and the router carries on", reason, record.topic(), record.partition(),
        record.offset(), topic);
    return Response.resume(List.of(DeadLetterRecords.from(context, topic, reason)));
  }
}
