package dev.sluice.gateway;

import dev.sluice.client.LlmClient;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Answers at once with whatever the test says; remembers what was sent. */
final class FakeClient implements LlmClient {
  record SentLine(String requestId, String json, String key, Map<String, String> headers) {}

  final List<LlmRequest> sent = new ArrayList<>();
  final List<SentLine> sentLines = new ArrayList<>();
  private final Function<LlmRequest, CompletableFuture<LlmReply>> onSend;
  private final BiFunction<String, String, CompletableFuture<LlmReply>> onLine;
  boolean closed;

  FakeClient(Function<LlmRequest, CompletableFuture<LlmReply>> onSend,
      BiFunction<String, String, CompletableFuture<LlmReply>> onLine) {
    this.onSend = onSend;
    this.onLine = onLine;
  }

  static FakeClient replying(LlmReply reply) {
    return new FakeClient(r -> CompletableFuture.completedFuture(reply), (id, json) -> CompletableFuture.completedFuture(reply));
  }

  @Override
  public CompletableFuture<LlmReply> send(LlmRequest request) {
    sent.add(request);
    return onSend.apply(request);
  }

  @Override
  public CompletableFuture<LlmReply> sendBatchLine(String requestId, String jsonLine, String virtualKey,
      Map<String, String> extraHeaders) {
    sentLines.add(new SentLine(requestId, jsonLine, virtualKey, extraHeaders));
    return onLine.apply(requestId, jsonLine);
  }

  @Override
  public void close() {
    closed = true;
  }
}
