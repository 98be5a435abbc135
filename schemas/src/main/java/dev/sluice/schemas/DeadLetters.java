package dev.sluice.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers of a record sent to llm.dead-letter: where it came from and why it is there. */
public final class DeadLetters {
  /** Reasons are cut to this many characters: a header is for reading, not for whole payloads. */
  public static final int MAX_REASON_CHARS = 1_000;

  private DeadLetters() {}

  /**
   * The original headers, minus the virtual key (a secret must not reach a topic; an operator who
   * replays the record adds it again), plus the reason, the stage and the source position.
   *
   * @param original the source record's headers; may be null
   */
  public static Headers headers(Headers original, String reason, String stage, String topic, int partition,
      long offset) {
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      for (Header h : original) {
        if (!SluiceHeaders.VIRTUAL_KEY.equals(h.key())) {
          headers.add(h.key(), h.value());
        }
      }
    }
    String text = reason == null ? "unknown" : reason;
    if (text.length() > MAX_REASON_CHARS) {
      text = text.substring(0, MAX_REASON_CHARS) + "...";
    }
    headers.add(SluiceHeaders.DLQ_REASON, utf8(text));
    headers.add(SluiceHeaders.DLQ_STAGE, utf8(stage));
    headers.add(SluiceHeaders.DLQ_SOURCE_TOPIC, utf8(topic));
    headers.add(SluiceHeaders.DLQ_SOURCE_PARTITION, utf8(Integer.toString(partition)));
    headers.add(SluiceHeaders.DLQ_SOURCE_OFFSET, utf8(Long.toString(offset)));
    return headers;
  }

  /** The reason of a dead letter whose record could not be decoded, the same wherever it is read. */
  public static String undecodable(String topic, Throwable why) {
    return "cannot decode a record of " + topic + ": " + why;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
