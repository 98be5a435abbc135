package dev.sluice.streams.errors;

import dev.sluice.schemas.DeadLetters;
import dev.sluice.schemas.serde.AvroWireFormat;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Dead-letter records for the exception handlers, made from the source record of a failure. */
final class DeadLetterRecords {
  /**
   * Handlers are made by Kafka Streams from their class name; this config names their topic.
   * The services leave it unset, so they use {@link dev.sluice.schemas.TopicNames#DEAD_LETTER}.
   */
  static final String TOPIC_CONFIG = "sluice.dead.letter.topic";

  private DeadLetterRecords() {}

  /**
   * The source record's key and value with the reason headers. An Avro value is left out: it may
   * hold the virtual key, which must not reach another topic. The source topic, partition and
   * offset in the headers point at the original.
   */
  static ProducerRecord<byte[], byte[]> from(ErrorHandlerContext context, String topic, String reason) {
    byte[] value = context.sourceRawValue();
    AvroWireFormat format = AvroWireFormat.detect(value);
    if (format == AvroWireFormat.SINGLE_OBJECT || format == AvroWireFormat.SCHEMA_REGISTRY) {
      value = null;
    }
    return new ProducerRecord<>(topic, null, context.timestamp(), context.sourceRawKey(), value,
        DeadLetters.headers(context.headers(), reason, context.processorNodeId(), context.topic(),
            context.partition(), context.offset()));
  }

  static String topic(Map<String, ?> configs, String fallback) {
    Object topic = configs.get(TOPIC_CONFIG);
    return topic == null ? fallback : topic.toString();
  }
}
