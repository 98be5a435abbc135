package dev.sluice.client;

import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Request/reply over Sluice: publish a request, get its one terminal reply. {@link SluiceClient}
 * is the Kafka implementation; callers' tests can substitute a fake.
 *
 * <p>Every returned future completes with the reply (which may be an error reply, status
 * {@code ERROR}), or fails with {@link java.util.concurrent.TimeoutException} when no reply came
 * in time, or with the Kafka error that kept the request from being published.
 */
public interface LlmClient extends AutoCloseable {
  /** Publishes an Avro request; a blank request id is replaced by a new one. */
  CompletableFuture<LlmReply> send(LlmRequest request);

  /**
   * Publishes an OpenAI Batch input line as it is, with the request id, reply topic and virtual
   * key in headers.
   *
   * @param requestId unique id of this request (the reply carries it)
   * @param jsonLine one {@code {"custom_id","method","url","body"}} line
   * @param virtualKey the caller's virtual key, or null
   * @param extraHeaders further headers, e.g. {@code sluice-meta-team}
   */
  CompletableFuture<LlmReply> sendBatchLine(
      String requestId, String jsonLine, String virtualKey, Map<String, String> extraHeaders);

  /** Stops reading replies and fails every future still waiting. */
  @Override
  void close();
}
