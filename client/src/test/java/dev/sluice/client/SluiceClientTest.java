package dev.sluice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's bookkeeping and error sorting, driven by MockProducer and MockConsumer. */
class SluiceClientTest {
  private static final TopicPartition REPLIES_0 = new TopicPartition(TopicNames.REPLIES, 0);
  private static final long WAIT_S = 30;

  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MockConsumer<String, LlmReply> consumer = new MockConsumer<>("latest");
  private SluiceClient client;

  @BeforeEach
  void connect() {
    consumer.updatePartitions(TopicNames.REPLIES, List.of(new PartitionInfo(TopicNames.REPLIES, 0, null, null, null)));
    consumer.updateEndOffsets(Map.of(REPLIES_0, 0L));
    client = new SluiceClient(SluiceClientSettings.of("unused:9092"), producer, consumer);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void fillsRequestIdReplyTopicAndCreationTimeWithoutChangingTheCallersRequest() {
    LlmRequest original = SluiceClientIT.request("", "hi");
    client.send(original);

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    LlmRequest published = serdes.requests().deserialize(sent.topic(), sent.value());
    assertThat(sent.topic()).isEqualTo(TopicNames.REQUESTS);
    assertThat(published.getRequestId()).isNotBlank();
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo(published.getRequestId());
    assertThat(published.getReplyTopic()).isEqualTo(TopicNames.REPLIES);
    assertThat(published.getCreatedAt()).isNotNull();
    assertThat(original.getRequestId()).isEmpty();
    assertThat(original.getReplyTopic()).isNull();
  }

  @Test
  void batchLineGoesOutAsItIsWithItsHeaders() {
    client.sendBatchLine("r-1", "{\"custom_id\":\"a\"}", "sk-x", Map.of("sluice-meta-team", "t"));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"custom_id\":\"a\"}");
    assertThat(header(sent, SluiceHeaders.REQUEST_ID)).isEqualTo("r-1");
    assertThat(header(sent, SluiceHeaders.REPLY_TOPIC)).isEqualTo(TopicNames.REPLIES);
    assertThat(header(sent, SluiceHeaders.VIRTUAL_KEY)).isEqualTo("sk-x");
    assertThat(header(sent, "sluice-meta-team")).isEqualTo("t");
  }

  @Test
  void rejectsAReplyTopicTheClientDoesNotReadAndADuplicateRequestId() {
    LlmRequest elsewhere = LlmRequest.newBuilder(SluiceClientIT.request("x", "hi")).setReplyTopic("other").build();
    assertThatThrownBy(() -> client.send(elsewhere))
        .hasMessage("request names reply topic 'other' but this client reads 'llm.replies'");

    client.send(SluiceClientIT.request("dup", "hi"));
    assertThatThrownBy(() -> client.send(SluiceClientIT.request("dup", "again")))
        .hasMessage("request id 'dup' is already waiting for a reply");
  }

  @Test
  void skipsAnUndecodableReplyAndCompletesWithTheNextOne() throws Exception {
    CompletableFuture<LlmReply> future = client.send(SluiceClientIT.request("r-2", "hi"));
    consumer.schedulePollTask(() -> consumer.setPollException(
        new RecordDeserializationException(REPLIES_0, 0, "garbage", null)));
    consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TopicNames.REPLIES, 0, 1, "r-2", reply("r-2"))));

    assertThat(future.get(WAIT_S, TimeUnit.SECONDS).getContent()).isEqualTo("ok r-2");
  }

  @Test
  void retriableSendFailureFailsOnlyThatRequest() {
    CompletableFuture<LlmReply> failed = client.send(SluiceClientIT.request("r-3", "hi"));
    CompletableFuture<LlmReply> waiting = client.send(SluiceClientIT.request("r-4", "hi"));
    producer.errorNext(new TimeoutException("expired after delivery.timeout.ms"));

    assertThatThrownBy(() -> failed.get(WAIT_S, TimeUnit.SECONDS))
        .cause().hasMessageContaining("cannot publish request r-3");
    assertThat(waiting).isNotDone();
    assertThat(client.send(SluiceClientIT.request("r-5", "hi"))).isNotDone();
  }

  @Test
  void fatalSendFailureFailsEveryRequestAndStopsTheClient() {
    CompletableFuture<LlmReply> first = client.send(SluiceClientIT.request("r-6", "hi"));
    CompletableFuture<LlmReply> second = client.send(SluiceClientIT.request("r-7", "hi"));
    producer.errorNext(new AuthorizationException("not allowed to write llm.requests"));

    assertThatThrownBy(() -> first.get(WAIT_S, TimeUnit.SECONDS)).cause().hasMessageContaining("cannot publish request r-6");
    assertThatThrownBy(() -> second.get(WAIT_S, TimeUnit.SECONDS))
        .cause().hasMessage("client stopped before a reply to request r-7 arrived");
    assertThatThrownBy(() -> client.send(SluiceClientIT.request("r-8", "hi")).get(WAIT_S, TimeUnit.SECONDS))
        .cause().hasMessage("client stopped after a fatal Kafka error");
  }

  private static LlmReply reply(String requestId) {
    return LlmReply.newBuilder().setRequestId(requestId).setStatus(ReplyStatus.OK).setContent("ok " + requestId)
        .setCompletedAt(Instant.now()).build();
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
