package dev.sluice.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input, end to end on the real broker: one typed reply and one audit event, or a dead letter. */
class BadInputIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static EmbeddedGateway gateway;
  private static SluiceClient client;
  private static KafkaProducer<byte[], byte[]> raw;

  @BeforeAll
  static void startGateway() {
    gateway = EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo().withConfigFor(TestConfigs::testGateway),
        new GatewayServices(ProviderSecrets.of(TestConfigs.PROVIDER_KEYS)));
    client = new SluiceClient(SluiceClientSettings.of(gateway.bootstrapServers()).withTimeout(Duration.ofSeconds(60)));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, gateway.bootstrapServers());
    raw = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stopGateway() {
    if (raw != null) {
      raw.close();
    }
    if (client != null) {
      client.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private static LlmRequest.Builder good() {
    return LlmRequest.newBuilder()
        .setRequestId("bad-" + UUID.randomUUID())
        .setVirtualKey(TestConfigs.TEST_KEY)
        .setModel("fast")
        .setMessages(List.of(new ChatMessage("user", "Hello", null)))
        .setMaxTokens(20);
  }

  static Stream<Arguments> rejectedRequests() {
    return Stream.of(
        Arguments.of("unknown key", (UnaryOperator<LlmRequest.Builder>) b -> b.setVirtualKey("sk-nobody"), "unauthorized", "virtual_key"),
        Arguments.of("missing key", (UnaryOperator<LlmRequest.Builder>) b -> b.setVirtualKey(null), "unauthorized", "virtual_key"),
        Arguments.of("unknown model", (UnaryOperator<LlmRequest.Builder>) b -> b.setModel("gpt-9"), "invalid_request", "model"),
        Arguments.of("model not allowed", (UnaryOperator<LlmRequest.Builder>) b -> b.setVirtualKey(TestConfigs.NARROW_KEY).setModel("smart"), "model_not_allowed", "model"),
        Arguments.of("empty messages", (UnaryOperator<LlmRequest.Builder>) b -> b.setMessages(List.of()), "invalid_request", "messages"),
        Arguments.of("negative max_tokens", (UnaryOperator<LlmRequest.Builder>) b -> b.setMaxTokens(-1), "invalid_request", "max_tokens"),
        Arguments.of("huge max_tokens", (UnaryOperator<LlmRequest.Builder>) b -> b.setMaxTokens(10_000_000), "invalid_request", "max_tokens"),
        Arguments.of("prompt over the size limit", (UnaryOperator<LlmRequest.Builder>) b -> b.setMessages(List.of(new ChatMessage("user", "x".repeat(2_001), null))), "invalid_request", "messages"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedRequests")
  void aBadRequestEndsInOneTypedErrorReplyAndOneAuditEvent(String name, UnaryOperator<LlmRequest.Builder> spoil, String code, String param) throws Exception {
    LlmRequest request = spoil.apply(good()).build();

    LlmReply reply = client.send(request).get();

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.ERROR);
    assertThat(reply.getError().getCode()).isEqualTo(code);
    assertThat(reply.getError().getParam()).isEqualTo(param);
    assertThat(reply.getError().getMessage()).isNotBlank().doesNotContain(TestConfigs.TEST_KEY);
    assertOneAuditEvent(request.getRequestId(), code);
    assertOneReply(request.getRequestId());
  }

  @Test
  void aReplyTopicThatDoesNotExistIsAnsweredOnTheDefaultReplyTopic() {
    LlmRequest request = good().setReplyTopic("no.such.topic").build();
    publish(request.getRequestId(), SERDES.requests().serialize("llm.requests", request), List.of());

    LlmReply reply = oneReply(request.getRequestId());
    assertThat(reply.getError().getCode()).isEqualTo("invalid_request");
    assertThat(reply.getError().getParam()).isEqualTo("reply_topic");
    assertThat(reply.getError().getMessage()).contains("no.such.topic");
    assertOneAuditEvent(request.getRequestId(), "invalid_request");
  }

  @Test
  void undecodableBytesGoToTheDeadLetterTopicWithTheirReason() {
    String key = "garbage-" + UUID.randomUUID();
    publish(key, new byte[] {7, 7, 7, 7}, List.of());

    ConsumerRecord<byte[], byte[]> dead = deadLetter(key);
    assertThat(dead.value()).containsExactly(7, 7, 7, 7);
    assertThat(header(dead, SluiceHeaders.DLQ_REASON)).contains("neither Avro");
    assertThat(header(dead, SluiceHeaders.DLQ_SOURCE_TOPIC)).isEqualTo("llm.requests");
  }

  @Test
  void jsonThatIsNotABatchLineIsDeadLetteredAndAnsweredWhereItAskedForAReply() {
    String requestId = "json-" + UUID.randomUUID();
    String notALine = "{\"custom_id\":\"c-1\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}}";
    publish(requestId, notALine.getBytes(StandardCharsets.UTF_8),
        List.of(header(SluiceHeaders.REPLY_TOPIC, "llm.replies"), header(SluiceHeaders.REQUEST_ID, requestId)));

    LlmReply reply = oneReply(requestId);
    assertThat(reply.getError().getCode()).isEqualTo("invalid_request");
    assertThat(reply.getError().getMessage()).contains("url must be /v1/chat/completions");
    assertThat(reply.getCorrelationId()).isEqualTo("c-1");
    assertThat(header(deadLetter(requestId), SluiceHeaders.DLQ_REASON)).contains("url must be /v1/chat/completions");
    assertOneAuditEvent(requestId, "invalid_request");
  }

  @Test
  void theRouterKeepsServingAfterBadInput() throws Exception {
    publish("junk", new byte[] {0, 0}, List.of());

    LlmReply reply = client.send(good().build()).get();

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
  }

  @Test
  void anUndecodableDispatchRecordIsDeadLetteredAndTheWorkerKeepsServing() throws Exception {
    String key = "dispatch-garbage-" + UUID.randomUUID();
    raw.send(new ProducerRecord<>("llm.dispatch.openai", key.getBytes(StandardCharsets.UTF_8), new byte[] {9, 9, 9}));
    raw.flush();

    ConsumerRecord<byte[], byte[]> dead = deadLetter(key);
    LlmReply reply = client.send(good().build()).get();

    assertThat(dead.value()).containsExactly(9, 9, 9);
    assertThat(header(dead, SluiceHeaders.DLQ_REASON)).startsWith("cannot decode a record of llm.dispatch.openai: ");
    assertThat(header(dead, SluiceHeaders.DLQ_STAGE)).isEqualTo("dispatch-worker");
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getProvider()).isEqualTo("openai");
  }

  private static void publish(String key, byte[] value, List<Header> headers) {
    raw.send(new ProducerRecord<>("llm.requests", null, key.getBytes(StandardCharsets.UTF_8), value, headers));
    raw.flush();
  }

  private static LlmReply oneReply(String requestId) {
    try (TopicRecords<LlmReply> replies = new TopicRecords<>(gateway.bootstrapServers(), "llm.replies", SERDES.replies())) {
      List<ConsumerRecord<byte[], LlmReply>> matching = replies.awaitMatching(r -> r.value().getRequestId().equals(requestId), 1);
      assertThat(matching).hasSize(1);
      return matching.getFirst().value();
    }
  }

  private static void assertOneReply(String requestId) {
    oneReply(requestId);
  }

  private static void assertOneAuditEvent(String requestId, String outcome) {
    try (TopicRecords<AuditEvent> audit = new TopicRecords<>(gateway.bootstrapServers(), "llm.audit", SERDES.auditEvents())) {
      List<ConsumerRecord<byte[], AuditEvent>> events = audit.awaitMatching(r -> r.value().getRequestId().equals(requestId), 1);
      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.value().getOutcome()).isEqualTo(outcome);
        assertThat(e.value().getAction()).isEqualTo("request.rejected");
      });
    }
  }

  private static ConsumerRecord<byte[], byte[]> deadLetter(String key) {
    try (TopicRecords<byte[]> dlq = new TopicRecords<>(gateway.bootstrapServers(), "llm.dead-letter", new ByteArrayDeserializer())) {
      List<ConsumerRecord<byte[], byte[]>> dead =
          dlq.awaitMatching(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key), 1);
      assertThat(dead).hasSize(1);
      return dead.getFirst();
    }
  }

  private static Header header(String name, String value) {
    return new org.apache.kafka.common.header.internals.RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
