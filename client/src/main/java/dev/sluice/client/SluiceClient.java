package dev.sluice.client;

import dev.sluice.schemas.KafkaErrors;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes requests to {@code llm.requests} and completes each one's future with its reply,
 * read from this client's reply topic and matched by request id. Thread-safe; one instance can
 * carry thousands of requests in flight.
 *
 * <p>Futures complete on the client's poll thread: dependent stages that do real work should use
 * the {@code *Async} variants so they do not hold up other replies.
 */
public final class SluiceClient implements LlmClient {
  private static final Logger log = LoggerFactory.getLogger(SluiceClient.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final SluiceClientSettings settings;
  private final Topic<byte[], byte[]> requests;
  private final Producer<byte[], byte[]> producer;
  private final PendingReplies pending = new PendingReplies();
  private final ReplyPoller poller;
  private final Thread pollThread;
  private volatile KafkaException fatal;
  private volatile boolean closed;

  /** Connects to Kafka; fails if the reply topic does not exist or the broker cannot be reached. */
  public SluiceClient(SluiceClientSettings settings) {
    this(settings, new KafkaProducer<>(ClientConfigs.producer(settings.bootstrapServers())), replyConsumer(settings));
  }

  private static Consumer<String, LlmReply> replyConsumer(SluiceClientSettings settings) {
    Topic<String, LlmReply> replies = new Topics(settings.serdes()).replies(settings.replyTopic());
    return new KafkaConsumer<>(ClientConfigs.replyConsumer(settings.bootstrapServers()),
        replies.keySerde().deserializer(), replies.valueSerde().deserializer());
  }

  /** With given clients (e.g. {@code MockProducer}, {@code MockConsumer}); the client owns and closes them. */
  public SluiceClient(SluiceClientSettings settings, Producer<byte[], byte[]> producer,
      Consumer<String, LlmReply> consumer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.requests = new Topics(settings.serdes()).requests();
    this.producer = producer;
    this.poller = new ReplyPoller(consumer, settings.replyTopic(), pending, this::failFatally);
    try {
      poller.assignFromEnd();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      consumer.close(Duration.ZERO);
      pending.close();
      throw e;
    }
    this.pollThread = new Thread(poller, "sluice-client-replies-" + settings.replyTopic());
    // Like Kafka's own network threads: a caller who forgets close() must still be able to exit.
    pollThread.setDaemon(true);
    pollThread.start();
  }

  @Override
  public CompletableFuture<LlmReply> send(LlmRequest request) {
    return send(request, settings.timeout());
  }

  /**
   * Publishes {@code request} with this client's reply topic (and a new request id if blank);
   * the caller's object is not modified.
   *
   * @throws IllegalArgumentException if the request names another reply topic, which this client would never read
   */
  public CompletableFuture<LlmReply> send(LlmRequest request, Duration timeout) {
    Objects.requireNonNull(request, "request");
    if (request.getReplyTopic() != null && !request.getReplyTopic().equals(settings.replyTopic())) {
      throw new IllegalArgumentException("request names reply topic '" + request.getReplyTopic()
          + "' but this client reads '" + settings.replyTopic() + "'");
    }
    LlmRequest.Builder builder = LlmRequest.newBuilder(request).setReplyTopic(settings.replyTopic());
    if (request.getRequestId() == null || request.getRequestId().isBlank()) {
      builder.setRequestId(newRequestId());
    }
    if (request.getCreatedAt() == null) {
      builder.setCreatedAt(Instant.now());
    }
    LlmRequest filled = builder.build();
    byte[] value = settings.serdes().requests().serialize(requests.name(), filled);
    return publish(filled.getRequestId(), value, Map.of(), timeout);
  }

  @Override
  public CompletableFuture<LlmReply> sendBatchLine(
      String requestId, String jsonLine, String virtualKey, Map<String, String> extraHeaders) {
    return sendBatchLine(requestId, jsonLine, virtualKey, extraHeaders, settings.timeout());
  }

  /** As {@link #sendBatchLine(String, String, String, Map)}, with its own timeout. */
  public CompletableFuture<LlmReply> sendBatchLine(String requestId, String jsonLine, String virtualKey,
      Map<String, String> extraHeaders, Duration timeout) {
    if (requestId == null || requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank, but was '" + requestId + "'");
    }
    Objects.requireNonNull(jsonLine, "jsonLine");
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders == null ? Map.of() : extraHeaders);
    headers.put(SluiceHeaders.REQUEST_ID, requestId);
    headers.put(SluiceHeaders.REPLY_TOPIC, settings.replyTopic());
    if (virtualKey != null) {
      headers.put(SluiceHeaders.VIRTUAL_KEY, virtualKey);
    }
    return publish(requestId, jsonLine.getBytes(StandardCharsets.UTF_8), headers, timeout);
  }

  /** A new random request id. */
  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  private CompletableFuture<LlmReply> publish(String requestId, byte[] value, Map<String, String> headers,
      Duration timeout) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("client is closed"));
    }
    if (fatal != null) {
      return CompletableFuture.failedFuture(new IllegalStateException("client stopped after a fatal Kafka error", fatal));
    }
    // Registered before sending: the reply may arrive before the send callback runs.
    CompletableFuture<LlmReply> future = pending.register(requestId, timeout);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(requests.name(), requestId.getBytes(StandardCharsets.UTF_8), value);
    headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    try {
      producer.send(record, (metadata, error) -> {
        if (error != null) {
          onSendFailure(requestId, error);
        }
      });
    } catch (RuntimeException e) {
      // Thrown instead of reported: serialization, a closed producer, metadata not available in max.block.ms.
      onSendFailure(requestId, e);
    }
    return future;
  }

  /** Send callback errors arrive after the producer's own retries (delivery.timeout.ms) ran out. */
  private void onSendFailure(String requestId, Throwable error) {
    KafkaException failure = new KafkaException("cannot publish request " + requestId + ": " + error.getMessage(), error);
    switch (KafkaErrors.classify(error)) {
      case FATAL -> {
        pending.fail(requestId, failure);
        failFatally(failure);
      }
      // Retriable or this record only: fail this request; the caller may send it again.
      case RETRIABLE, SKIP -> pending.fail(requestId, failure);
    }
  }

  private void failFatally(KafkaException error) {
    if (fatal == null) {
      fatal = error;
      log.error("Sluice client stops after a fatal Kafka error: {}", error.toString());
    }
    pending.failAll(id -> new IllegalStateException("client stopped before a reply to request " + id + " arrived", error));
  }

  /** Requests waiting for their reply. */
  public int pendingCount() {
    return pending.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    poller.stop();
    try {
      pollThread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(CLOSE_TIMEOUT);
    pending.failAll(id -> new IllegalStateException("client closed before a reply to request " + id + " arrived"));
    pending.close();
  }
}
