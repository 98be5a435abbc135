package dev.sluice.streams.errors;

import dev.sluice.schemas.TopicNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when an output record cannot be sent.
 *
 * <ul>
 *   <li>It cannot be serialized, or it is larger than the broker accepts: sending again cannot
 *       succeed, so its source record goes to llm.dead-letter and the application carries on.
 *   <li>Anything else (broker unreachable, authorization, a topic gone): the task fails. Under
 *       exactly-once its transaction is aborted, the stream thread is replaced, and the request
 *       is processed again from the last commit; nothing is lost or sent twice.
 * </ul>
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private String topic = TopicNames.DEAD_LETTER;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = DeadLetterRecords.topic(configs, TopicNames.DEAD_LETTER);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      String reason = "output to " + record.topic() + " is too large for the broker: " + exception.getMessage();
      log.error("{}; the request at {}-{}-{} goes to {}", reason, context.topic(), context.partition(),
          context.offset(), topic);
      return Response.resume(List.of(DeadLetterRecords.from(context, topic, reason)));
    }
    log.error("sending to {} failed; the task fails and the request is processed again", record.topic(), exception);
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the record raw
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    String reason = "cannot serialize the " + origin.name().toLowerCase(Locale.ROOT) + " of a record for "
        + record.topic() + ": " + exception.getMessage();
    log.error("{}; the request at {}-{}-{} goes to {}", reason, context.topic(), context.partition(),
        context.offset(), topic, exception);
    return Response.resume(List.of(DeadLetterRecords.from(context, topic, reason)));
  }
}
