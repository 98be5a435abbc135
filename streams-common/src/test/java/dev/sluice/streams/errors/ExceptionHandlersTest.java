package dev.sluice.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class ExceptionHandlersTest {
  private static final byte[] JSON_LINE = bytes("{\"custom_id\":\"c-1\"}");
  private static final byte[] AVRO_REQUEST =
      SluiceSerdes.withoutRegistry().requests().serialize(TopicNames.REQUESTS, LlmRequest.newBuilder()
          .setRequestId("req-1")
          .setVirtualKey("sk-sluice-secret")
          .setModel("smart")
          .setMessages(List.of(new ChatMessage("user", "Hello", null)))
          .build());
  private static final ProducerRecord<byte[], byte[]> OUTPUT =
      new ProducerRecord<>("llm.dispatch.openai", bytes("req-1"), new byte[] {1, 2});

  @Test
  void processingFailureSendsTheSourceRecordToTheDeadLetterTopicAndResumes() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(Map.of(DeadLetterRecords.TOPIC_CONFIG, "ops.dead-letter"));

    ProcessingExceptionHandler.Response response = handler.handleError(context(JSON_LINE),
        new Record<>("req-1", "value", 0L), new IllegalStateException("bug"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
    assertThat(dead.topic()).isEqualTo("ops.dead-letter");
    assertThat(dead.key()).isEqualTo(bytes("src-key"));
    assertThat(dead.value()).isEqualTo(JSON_LINE);
    assertThat(dead.timestamp()).isEqualTo(1234L);
    assertThat(header(dead.headers(), SluiceHeaders.DLQ_REASON))
        .isEqualTo("stage route failed: java.lang.IllegalStateException: bug");
    assertThat(header(dead.headers(), SluiceHeaders.DLQ_STAGE)).isEqualTo("route");
    assertThat(header(dead.headers(), SluiceHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("77");
  }

  @Test
  void avroSourceValueIsLeftOutBecauseItMayHoldTheKey() {
    ProcessingExceptionHandler.Response response = new DeadLetterProcessingHandler().handleError(
        context(AVRO_REQUEST), new Record<>("req-1", "value", 0L), new IllegalStateException("bug"));

    ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
    assertThat(dead.topic()).isEqualTo(TopicNames.DEAD_LETTER);
    assertThat(dead.value()).isNull();
    assertThat(dead.key()).isEqualTo(bytes("src-key"));
  }

  @Test
  void tooLargeOutputGoesToTheDeadLetterTopic() {
    ProductionExceptionHandler.Response response = new DeadLetterProductionHandler()
        .handleError(context(JSON_LINE), OUTPUT, new RecordTooLargeException("1048577 bytes"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(header(response.deadLetterQueueRecords().get(0).headers(), SluiceHeaders.DLQ_REASON))
        .isEqualTo("output to llm.dispatch.openai is too large for the broker: 1048577 bytes");
  }

  @Test
  void unserializableOutputGoesToTheDeadLetterTopic() {
    ProductionExceptionHandler.Response response = new DeadLetterProductionHandler().handleSerializationError(
        context(JSON_LINE), OUTPUT, new SerializationException("null in a non-null field"),
        SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(header(response.deadLetterQueueRecords().get(0).headers(), SluiceHeaders.DLQ_REASON))
        .isEqualTo("cannot serialize the value of a record for llm.dispatch.openai: null in a non-null field");
  }

  @Test
  void otherSendFailuresFailTheTaskSoTheRequestIsProcessedAgain() {
    ProductionExceptionHandler.Response response = new DeadLetterProductionHandler()
        .handleError(context(JSON_LINE), OUTPUT, new TopicAuthorizationException("llm.dispatch.openai"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void anUndecodableOutcomeGoesToTheDeadLetterTopicWithItsReason() {
    DeserializationExceptionHandler.Response response = new DeadLetterDeserializationHandler().handleError(
        context(JSON_LINE), new ConsumerRecord<>(TopicNames.OUTCOMES, 1, 77, bytes("acme/req-1"), JSON_LINE),
        new SerializationException("not an LlmReply"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().getFirst();
    assertThat(dead.topic()).isEqualTo(TopicNames.DEAD_LETTER);
    assertThat(header(dead.headers(), SluiceHeaders.DLQ_REASON))
        .isEqualTo("cannot decode a record of llm.outcomes: org.apache.kafka.common.errors.SerializationException: not an LlmReply");
  }

  @Test
  void anUndecodableRecordOfAGlobalStoreIsSkippedBecauseTheGlobalThreadSendsNoDeadLetters() {
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of(DeadLetterDeserializationHandler.GLOBAL_TOPICS_CONFIG,
        TopicNames.PROVIDER_HEALTH + "," + TopicNames.BUDGET_STATE));
    DeserializationExceptionHandler.Response response = handler.handleError(
        context(JSON_LINE), new ConsumerRecord<>(TopicNames.PROVIDER_HEALTH, 0, 3, bytes("openai/default"), JSON_LINE),
        new SerializationException("not a ProviderHealth"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void deadStreamThreadIsReplaced() {
    assertThat(new ReplaceThreadHandler().handle(new IllegalStateException("boom")))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  private static ErrorHandlerContext context(byte[] sourceValue) {
    return new StubContext(TopicNames.REQUESTS, 1, 77, new RecordHeaders(), "route", new TaskId(0, 1), 1234L,
        bytes("src-key"), sourceValue);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private record StubContext(String topic, int partition, long offset, Headers headers, String processorNodeId,
      TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {}
}
