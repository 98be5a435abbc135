package dev.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private HttpServer registry;

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
    Map<String, Integer> subjects = new ConcurrentHashMap<>();
    AtomicInteger fetches = new AtomicInteger();
    String url = startFakeRegistry(subjects, fetches);
    SluiceSerdes writer = SluiceSerdes.create(url);

    byte[] bytes = writer.requests().serialize("llm.requests", request());
    byte[] again = writer.requests().serialize("llm.requests", request());

    assertThat(bytes[0]).isZero();
    assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(subjects.get("llm.requests-value"));
    assertThat(subjects).containsOnlyKeys("llm.requests-value");
    assertThat(again).isEqualTo(bytes);
    // A fresh reader fetches the writer schema by id once, then uses its cache.
    SluiceSerdes reader = SluiceSerdes.create(url);
    assertThat(reader.requests().deserialize("llm.requests", bytes)).isEqualTo(request());
    assertThat(reader.requests().deserialize("llm.requests", again)).isEqualTo(request());
    assertThat(fetches.get()).isEqualTo(1);
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

  /** Speaks the two documented endpoints of the schema registry REST API. */
  private String startFakeRegistry(Map<String, Integer> subjects, AtomicInteger fetches) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<Integer, String> schemas = new ConcurrentHashMap<>();
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String answer;
      if ("POST".equals(exchange.getRequestMethod()) && path.matches("/subjects/[^/]+/versions")) {
        String schema = json.readTree(exchange.getRequestBody()).get("schema").asText();
        String subject = path.split("/")[2];
        int id = subjects.computeIfAbsent(subject, s -> 40 + subjects.size());
        schemas.put(id, schema);
        answer = "{\"id\":" + id + "}";
      } else if (path.startsWith("/schemas/ids/")) {
        fetches.incrementAndGet();
        String schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
        answer = json.createObjectNode().put("schema", schema).toString();
      } else {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    registry.start();
    return "http://127.0.0.1:" + registry.getAddress().getPort();
  }

  @AfterEach
  void stopRegistry() {
    if (registry != null) {
      registry.stop(0);
    }
  }
}
