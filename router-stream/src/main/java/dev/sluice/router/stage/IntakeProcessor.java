package dev.sluice.router.stage;

import dev.sluice.schemas.DeadLetters;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.serde.RequestDecodeException;
import dev.sluice.schemas.serde.RequestDecoder;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: turns a record of llm.requests (Avro or a JSON batch line) into an {@link Inbound},
 * forwarded to {@value Nodes#VALIDATE}. A record that cannot be decoded goes to the dead-letter
 * topic with its original bytes and the reason; if it names a usable reply topic in its headers,
 * the caller also gets an {@code invalid_request} reply (through {@value Nodes#REJECT}).
 *
 * <p>Every record forwarded from here starts with empty headers: the source headers may hold the
 * virtual key ({@code sluice-key}) and must not follow the request to any output topic.
 */
public final class IntakeProcessor extends ContextualProcessor<byte[], byte[], Object, Object> {
  private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);

  private final RequestDecoder decoder;
  private final ReplyTopics replyTopics;

  public IntakeProcessor(RequestDecoder decoder, ReplyTopics replyTopics) {
    this.decoder = decoder;
    this.replyTopics = replyTopics;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata source = SourcePosition.source(context(), Nodes.INTAKE);
    String position = SourcePosition.of(source);
    Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
    LlmRequest decoded;
    try {
      decoded = decoder.decode(source.topic(), record.key(), record.value(), record.headers(), position);
    } catch (RequestDecodeException e) {
      reject(record, source, position, receivedAt, e);
      return;
    }
    Inbound inbound = Inbound.of(decoded, position, receivedAt);
    context().forward(new Record<>(inbound.requestId(), inbound, record.timestamp()), Nodes.VALIDATE);
  }

  private void reject(Record<byte[], byte[]> record, RecordMetadata source, String position, Instant receivedAt,
      RequestDecodeException e) {
    context().forward(new Record<>(record.key(), record.value(), record.timestamp(),
        DeadLetters.headers(record.headers(), e.getMessage(), Nodes.INTAKE, source.topic(), source.partition(),
            source.offset())), Nodes.TO_DEAD_LETTER);
    String replyTopic = e.replyTopic();
    if (replyTopic == null || replyTopics.problem(replyTopic).isPresent()) {
      // The reason is left out: it may quote the body. The dead-letter record's header has it.
      log.warn("undecodable request at {} sent to the dead-letter topic, without a reply (no usable reply topic)",
          position);
      return;
    }
    String requestId = e.requestId() == null || e.requestId().isBlank() ? position : e.requestId();
    Rejection rejection = new Rejection(position, requestId, e.correlationId(), replyTopic, receivedAt,
        ErrorCode.INVALID_REQUEST, null, "the request could not be decoded: " + e.getMessage(), null, null, null, null);
    context().forward(new Record<>(requestId, rejection, record.timestamp()), Nodes.REJECT);
  }
}
