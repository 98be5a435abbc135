package dev.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void keepsOriginalHeadersExceptTheKeyAndAddsWhereAndWhy() {
    RecordHeaders original = new RecordHeaders();
    original.add("traceparent", bytes("00-abc-def-01"));
    original.add(SluiceHeaders.VIRTUAL_KEY, bytes("sk-secret"));

    Headers headers = DeadLetters.headers(original, "bad bytes", "intake", "llm.requests", 3, 1042);

    assertThat(text(headers, "traceparent")).isEqualTo("00-abc-def-01");
    assertThat(headers.lastHeader(SluiceHeaders.VIRTUAL_KEY)).isNull();
    assertThat(text(headers, SluiceHeaders.DLQ_REASON)).isEqualTo("bad bytes");
    assertThat(text(headers, SluiceHeaders.DLQ_STAGE)).isEqualTo("intake");
    assertThat(text(headers, SluiceHeaders.DLQ_SOURCE_TOPIC)).isEqualTo("llm.requests");
    assertThat(text(headers, SluiceHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("3");
    assertThat(text(headers, SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("1042");
  }

  @Test
  void cutsLongReasons() {
    Headers headers = DeadLetters.headers(null, "x".repeat(5_000), "validate", "llm.requests", 0, 0);

    assertThat(text(headers, SluiceHeaders.DLQ_REASON)).hasSize(DeadLetters.MAX_REASON_CHARS + 3).endsWith("...");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
