package dev.sluice.workers.dispatch;

import dev.sluice.schemas.DeadLetters;
import dev.sluice.schemas.TopicNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * A dispatch record the worker's consumer could not decode. It must neither stop the worker (every
 * request of the provider would wait behind it) nor vanish: it goes to llm.dead-letter with the
 * reason, in the transaction that commits its offset.
 *
 * @param partition where it was read
 * @param offset its offset
 * @param deadLetter its original key and value with the reason headers
 */
record UndecodableDispatch(TopicPartition partition, long offset, ProducerRecord<String, byte[]> deadLetter) {
  static final String STAGE = "dispatch-worker";

  static UndecodableDispatch of(RecordDeserializationException e) {
    TopicPartition partition = e.topicPartition();
    String reason = DeadLetters.undecodable(partition.topic(), e.getCause() != null ? e.getCause() : e);
    String key = e.keyBuffer() == null ? null : StandardCharsets.UTF_8.decode(e.keyBuffer().duplicate()).toString();
    Long timestamp = e.timestamp() >= 0 ? e.timestamp() : null;
    ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(TopicNames.DEAD_LETTER, null, timestamp, key,
        bytes(e.valueBuffer()), DeadLetters.headers(e.headers(), reason, STAGE, partition.topic(), partition.partition(),
            e.offset()));
    return new UndecodableDispatch(partition, e.offset(), deadLetter);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
