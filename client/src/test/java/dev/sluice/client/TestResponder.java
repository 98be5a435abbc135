package dev.sluice.client;

import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.schemas.serde.BatchLines;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the gateway: answers every request published to llm.requests after it started
 * with "echo: <last message>" on the request's reply topic.
 */
final class TestResponder implements AutoCloseable {
  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<String, LlmReply> producer;
  private final Thread thread;
  private volatile boolean running = true;

  TestResponder(String bootstrap) {
    consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        new StringSerializer(), serdes.replies());
    List<TopicPartition> partitions = consumer.partitionsFor(TopicNames.REQUESTS).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::run, "test-responder");
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          LlmReply reply = answer(record);
          producer.send(new ProducerRecord<>(replyTopic(record, reply), reply.getRequestId(), reply));
        }
        producer.flush();
      }
    } catch (WakeupException e) {
      // close() was called
    } finally {
      consumer.close();
      producer.close();
    }
  }

  private String replyTopic(ConsumerRecord<byte[], byte[]> record, LlmReply reply) {
    if (record.value()[0] == '{') {
      return header(record, SluiceHeaders.REPLY_TOPIC);
    }
    return serdes.requests().deserialize(record.topic(), record.value()).getReplyTopic();
  }

  private LlmReply answer(ConsumerRecord<byte[], byte[]> record) {
    LlmRequest request;
    String requestId;
    String prefix = "echo: ";
    if (record.value()[0] == '{') {
      String line = new String(record.value(), StandardCharsets.UTF_8);
      requestId = header(record, SluiceHeaders.REQUEST_ID);
      request = BatchLines.toRequest(BatchLines.parseInput(line)).setRequestId(requestId).build();
      prefix = "echo [key " + header(record, SluiceHeaders.VIRTUAL_KEY) + ", team "
          + header(record, SluiceHeaders.METADATA_PREFIX + "team") + "]: ";
    } else {
      request = serdes.requests().deserialize(record.topic(), record.value());
      requestId = request.getRequestId();
    }
    List<ChatMessage> messages = request.getMessages();
    return LlmReply.newBuilder()
        .setRequestId(requestId)
        .setCorrelationId(request.getCorrelationId())
        .setStatus(ReplyStatus.OK)
        .setContent(prefix + messages.get(messages.size() - 1).getContent())
        .setFinishReason("stop")
        .setUsage(new Usage(3, 4))
        .setProvider("test")
        .setModel(request.getModel())
        .setCompletedAt(Instant.now())
        .build();
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join();
  }
}
