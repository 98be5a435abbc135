package dev.sluice.client;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.schemas.serde.AvroWireFormat;
import dev.sluice.schemas.serde.RequestDecodeException;
import dev.sluice.schemas.serde.RequestDecoder;
import dev.sluice.schemas.serde.SluiceSerdes;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the gateway: answers every request published to llm.requests after it started
 * with "echo: <last message>" on the request's reply topic.
 */
final class TestResponder implements AutoCloseable {
  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final RequestDecoder decoder = new RequestDecoder(serdes);
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
          LlmRequest request = decoder.decode(record.topic(), record.key(), record.value(), record.headers(), "unused");
          LlmReply reply = answer(request, AvroWireFormat.detect(record.value()) == AvroWireFormat.JSON);
          producer.send(new ProducerRecord<>(request.getReplyTopic(), reply.getRequestId(), reply));
        }
        producer.flush();
      }
    } catch (WakeupException e) {
      // close() was called
    } catch (RequestDecodeException e) {
      throw new IllegalStateException("the client published an undecodable request: " + e.getMessage(), e);
    } finally {
      consumer.close();
      producer.close();
    }
  }

  /** Batch lines are answered with the key and team they carried in headers, so tests can check those arrive. */
  private static LlmReply answer(LlmRequest request, boolean batchLine) {
    String prefix = batchLine
        ? "echo [key " + request.getVirtualKey() + ", team " + request.getMetadata().get("team") + "]: "
        : "echo: ";
    List<ChatMessage> messages = request.getMessages();
    return LlmReply.newBuilder()
        .setRequestId(request.getRequestId())
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

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join();
  }
}
