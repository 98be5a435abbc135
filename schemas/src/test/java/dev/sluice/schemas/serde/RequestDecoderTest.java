package dev.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {
  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final RequestDecoder decoder = new RequestDecoder(serdes);

  private static final String LINE = """
      {"custom_id":"task-7","method":"POST","url":"/v1/chat/completions",
       "body":{"model":"fast","messages":[{"role":"system","content":"Be brief."},
               {"role":"user","content":[{"type":"text","text":"Hi"},{"type":"text","text":"there"}]}],
               "max_tokens":50,"temperature":0,"top_p":0.5,"metadata":{"customer":"c-9"}}}
      """;

  @Test
  void decodesAvro() throws Exception {
    byte[] bytes = serdes.requests().serialize("llm.requests", AvroSerdeTest.request());
    assertThat(decoder.decode("llm.requests", null, bytes, new RecordHeaders(), "fallback"))
        .isEqualTo(AvroSerdeTest.request());
  }

  @Test
  void decodesABatchLineWithItsHeaders() throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.VIRTUAL_KEY, bytes("sk-test-1"));
    headers.add(SluiceHeaders.REPLY_TOPIC, bytes("my.replies"));
    headers.add(SluiceHeaders.REQUEST_ID, bytes("req-42"));
    headers.add(SluiceHeaders.PRIORITY, bytes("deferred"));
    headers.add(SluiceHeaders.METADATA_PREFIX + "team", bytes("search"));

    LlmRequest request = decoder.decode("llm.requests", bytes("key-ignored"), bytes(LINE), headers, "fallback");

    assertThat(request.getRequestId()).isEqualTo("req-42");
    assertThat(request.getCorrelationId()).isEqualTo("task-7");
    assertThat(request.getVirtualKey()).isEqualTo("sk-test-1");
    assertThat(request.getReplyTopic()).isEqualTo("my.replies");
    assertThat(request.getModel()).isEqualTo("fast");
    assertThat(request.getMessages()).hasSize(2);
    assertThat(request.getMessages().get(1).getContent()).isEqualTo("Hi\nthere");
    assertThat(request.getMaxTokens()).isEqualTo(50);
    assertThat(request.getTemperature()).isEqualTo(0.0);
    assertThat(request.getParametersJson()).isEqualTo("{\"top_p\":0.5}");
    assertThat(request.getPriority()).isEqualTo(Priority.DEFERRED);
    assertThat(request.getMetadata()).containsEntry("customer", "c-9").containsEntry("team", "search");
  }

  @Test
  void usesTheRecordKeyThenTheFallbackAsRequestId() throws Exception {
    assertThat(decoder.decode("t", bytes("k-1"), bytes(LINE), new RecordHeaders(), "fb").getRequestId()).isEqualTo("k-1");
    assertThat(decoder.decode("t", null, bytes(LINE), new RecordHeaders(), "fb").getRequestId()).isEqualTo("fb");
  }

  @Test
  void jsonThatIsNotABatchLineKeepsWhatCanBeRead() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.REPLY_TOPIC, bytes("my.replies"));
    String notALine = "{\"custom_id\":\"x-1\",\"method\":\"GET\",\"url\":\"/v1/chat/completions\",\"body\":{}}";

    assertThatThrownBy(() -> decoder.decode("t", bytes("req-1"), bytes(notALine), headers, "fb"))
        .isInstanceOfSatisfying(RequestDecodeException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("method must be POST, but was 'GET'");
          assertThat(e.requestId()).isEqualTo("req-1");
          assertThat(e.correlationId()).isEqualTo("x-1");
          assertThat(e.replyTopic()).isEqualTo("my.replies");
        });
  }

  @Test
  void undecodableBytesSayWhatTheyAre() {
    assertThatThrownBy(() -> decoder.decode("t", null, new byte[] {1, 2, 3}, new RecordHeaders(), "fb"))
        .isInstanceOf(RequestDecodeException.class)
        .hasMessageContaining("first bytes 010203 (3 bytes) are neither Avro");
    assertThatThrownBy(() -> decoder.decode("t", null, bytes("{not json"), new RecordHeaders(), "fb"))
        .hasMessageStartingWith("not valid JSON");
  }

  @Test
  void badHeaderValuesAreNamed() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SluiceHeaders.DEADLINE_MS, bytes("tomorrow"));
    assertThatThrownBy(() -> decoder.decode("t", null, bytes(LINE), headers, "fb"))
        .hasMessage("header sluice-deadline-ms must be epoch milliseconds, but was 'tomorrow'");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
