package dev.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.SchemaRegistryStub;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  static LlmRequest request() {
    return LlmRequest.newBuilder()
        .setRequestId("r-1")
        .setVirtualKey("sk-test-1")
        .setModel("smart")
        .setMessages(List.of(new ChatMessage("user", "Explain Kafka in one line", null)))
        .setMaxTokens(64)
        .setMetadata(Map.of("team", "platform"))
        .setPriority(Priority.INTERACTIVE)
        .setDeadline(Instant.ofEpochMilli(1_800_000_000_000L))
        .build();
  }

  @Test
  void singleObjectEncodingRoundTripsAndStartsWithItsMarker() {
    SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
    byte[] bytes = serdes.requests().serialize("llm.requests", request());

    assertThat(bytes[0] & 0xFF).isEqualTo(0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(AvroWireFormat.detect(bytes)).isEqualTo(AvroWireFormat.SINGLE_OBJECT);
    assertThat(serdes.requests().deserialize("llm.requests", bytes)).isEqualTo(request());
  }

  @Test
  void registryWireFormatRegistersUnderTheTopicSubjectAndRoundTrips() throws Exception {
    try (SchemaRegistryStub registry = SchemaRegistryStub.start()) {
      SluiceSerdes writer = SluiceSerdes.create(registry.url());

      byte[] bytes = writer.requests().serialize("llm.requests", request());
      byte[] again = writer.requests().serialize("llm.requests", request());

      assertThat(bytes[0]).isZero();
      assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registry.subjects().get("llm.requests-value"));
      assertThat(registry.subjects()).containsOnlyKeys("llm.requests-value");
      assertThat(again).isEqualTo(bytes);
      // A fresh reader fetches the writer schema by id once, then uses its cache.
      SluiceSerdes reader = SluiceSerdes.create(registry.url());
      assertThat(reader.requests().deserialize("llm.requests", bytes)).isEqualTo(request());
      assertThat(reader.requests().deserialize("llm.requests", again)).isEqualTo(request());
      assertThat(registry.fetches()).isEqualTo(1);
    }
  }

  @Test
  void anUnknownSchemaIdIsAClearError() throws Exception {
    try (SchemaRegistryStub registry = SchemaRegistryStub.start()) {
      byte[] bytes = {0, 0, 0, 0, 99, 2, 4};
      assertThatThrownBy(() -> SluiceSerdes.create(registry.url()).requests().deserialize("llm.requests", bytes))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("could not fetch schema id 99: HTTP 404");
    }
  }

  @Test
  void registryFormatWithoutARegistryIsAClearError() {
    byte[] bytes = {0, 0, 0, 0, 7, 2, 4};
    assertThatThrownBy(() -> SluiceSerdes.withoutRegistry().requests().deserialize("llm.requests", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no schema.registry.url is configured");
  }

  @Test
  void garbageIsRejectedWithItsFirstBytes() {
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SluiceSerdes.withoutRegistry().replies().deserialize("llm.replies", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("68656c6c6f (5 bytes)");
  }

  @Test
  void truncatedAvroIsASerializationException() {
    byte[] bytes = SluiceSerdes.withoutRegistry().requests().serialize("t", request());
    byte[] cut = java.util.Arrays.copyOf(bytes, 14);
    assertThatThrownBy(() -> SluiceSerdes.withoutRegistry().requests().deserialize("t", cut))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot decode LlmRequest");
  }
}
