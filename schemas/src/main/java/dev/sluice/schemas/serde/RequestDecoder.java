package dev.sluice.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a record of llm.requests into an {@link LlmRequest}, whatever its format: Avro (either
 * wire format) or one OpenAI batch-input line with the key and reply topic in headers.
 */
public final class RequestDecoder {
  private final AvroSerde<LlmRequest> avro;

  public RequestDecoder(SluiceSerdes serdes) {
    this.avro = serdes.requests();
  }

  /**
   * @param fallbackRequestId the id to use when a JSON line names none (header or key); should be
   *     derived from the record's position so that a replay gives the same id
   * @throws RequestDecodeException with the reason and whatever ids could be read
   */
  public LlmRequest decode(String topic, byte[] key, byte[] value, Headers headers, String fallbackRequestId)
      throws RequestDecodeException {
    String headerRequestId = header(headers, SluiceHeaders.REQUEST_ID);
    String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
    String knownId = headerRequestId != null ? headerRequestId : keyText;
    String replyTopic = header(headers, SluiceHeaders.REPLY_TOPIC);
    AvroWireFormat format = AvroWireFormat.detect(value);
    try {
      return switch (format) {
        case SINGLE_OBJECT, SCHEMA_REGISTRY -> avro.deserialize(topic, value);
        case JSON -> fromBatchLine(value, headers, knownId != null ? knownId : fallbackRequestId, replyTopic);
        case UNKNOWN -> throw new IllegalArgumentException("undecodable request: first bytes "
            + AvroWireFormat.preview(value) + " are neither Avro (single-object c301 or registry 00) nor a JSON object");
      };
    } catch (RuntimeException e) {
      String correlationId = null;
      if (format == AvroWireFormat.JSON) {
        correlationId = customIdIfReadable(value);
      }
      throw new RequestDecodeException(e.getMessage(), knownId, correlationId, replyTopic);
    }
  }

  private static LlmRequest fromBatchLine(byte[] value, Headers headers, String requestId, String replyTopic) {
    BatchLines.InputLine line = BatchLines.parseInput(new String(value, StandardCharsets.UTF_8));
    LlmRequest.Builder request = BatchLines.toRequest(line)
        .setRequestId(requestId)
        .setVirtualKey(header(headers, SluiceHeaders.VIRTUAL_KEY))
        .setReplyTopic(replyTopic);
    String priority = header(headers, SluiceHeaders.PRIORITY);
    if (priority != null) {
      try {
        request.setPriority(Priority.valueOf(priority.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("header " + SluiceHeaders.PRIORITY + " must be interactive, standard or deferred, but was '" + priority + "'");
      }
    }
    String deadline = header(headers, SluiceHeaders.DEADLINE_MS);
    if (deadline != null) {
      try {
        request.setDeadline(Instant.ofEpochMilli(Long.parseLong(deadline.trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("header " + SluiceHeaders.DEADLINE_MS + " must be epoch milliseconds, but was '" + deadline + "'");
      }
    }
    Map<String, String> metadata = new HashMap<>(request.getMetadata());
    if (headers != null) {
      for (Header h : headers) {
        if (h.key().startsWith(SluiceHeaders.METADATA_PREFIX) && h.value() != null) {
          metadata.put(h.key().substring(SluiceHeaders.METADATA_PREFIX.length()), new String(h.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return request.setMetadata(metadata).build();
  }

  private static String customIdIfReadable(byte[] value) {
    try {
      JsonNode root = BatchLines.JSON.readTree(value);
      return root != null && root.path("custom_id").isTextual() ? root.get("custom_id").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String header(Headers headers, String name) {
    if (headers == null) {
      return null;
    }
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
