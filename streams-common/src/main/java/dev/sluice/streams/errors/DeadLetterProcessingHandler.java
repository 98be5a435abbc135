package dev.sluice.streams.errors;

import dev.sluice.schemas.TopicNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage that throws on one record (a bug, or a collaborator failing) sends that record to
 * llm.dead-letter and the application goes on with the next. Failing instead would replace the
 * stream thread, which would read the same record again and fail again, stalling the partition.
 * The request gets no reply; the error log and the dead-letter record say why.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private String topic = TopicNames.DEAD_LETTER;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = DeadLetterRecords.topic(configs, TopicNames.DEAD_LETTER);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String reason = "stage " + context.processorNodeId() + " failed: " + exception;
    log.error("stage {} failed on the record at {}-{}-{}; it goes to {} and the application carries on",
        context.processorNodeId(), context.topic(), context.partition(), context.offset(), topic, exception);
    return Response.resume(List.of(DeadLetterRecords.from(context, topic, reason)));
  }
}
