package dev.sluice.router.stage;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where a record was read, {@code topic-partition-offset}: the same on every replay, and so are ids made from it. */
final class SourcePosition {
  private SourcePosition() {}

  static String of(RecordMetadata source) {
    return source.topic() + "-" + source.partition() + "-" + source.offset();
  }

  /** The metadata of the record being processed; every record of the router's tasks comes from a topic. */
  static RecordMetadata source(ProcessorContext<?, ?> context, String stage) {
    return context.recordMetadata().orElseThrow(
        () -> new IllegalStateException(stage + " needs the source record's topic, partition and offset"));
  }
}
