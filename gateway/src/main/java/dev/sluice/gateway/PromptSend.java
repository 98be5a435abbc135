package dev.sluice.gateway;

import dev.sluice.client.LlmClient;
import dev.sluice.client.SluiceClient;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Sends one prompt and prints its reply: the content on stdout, the details on stderr. */
final class PromptSend {
  private final CliContext context;

  PromptSend(CliContext context) {
    this.context = context;
  }

  static LlmRequest request(String key, String model, String prompt, String system, Integer maxTokens,
      Double temperature) {
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(new ChatMessage("system", system, null));
    }
    messages.add(new ChatMessage("user", prompt, null));
    return LlmRequest.newBuilder()
        .setRequestId(SluiceClient.newRequestId())
        .setVirtualKey(key)
        .setModel(model)
        .setMessages(messages)
        .setMaxTokens(maxTokens)
        .setTemperature(temperature)
        .build();
  }

  /** @return 0 for a successful or truncated reply, 1 for an error reply */
  int run(LlmClient client, LlmRequest request) {
    long startedAt = context.nanoTime().getAsLong();
    LlmReply reply = await(client, request);
    long endToEndMs = (context.nanoTime().getAsLong() - startedAt) / 1_000_000;
    ReplyPrinter.print(reply, endToEndMs, context.out(), context.err());
    return reply.getStatus() == ReplyStatus.ERROR ? SluiceCommand.USER_ERROR : 0;
  }

  private static LlmReply await(LlmClient client, LlmRequest request) {
    try {
      return client.send(request).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while waiting for the reply to request " + request.getRequestId(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        throw new UserException(cause.getMessage() + " (are the router and workers running? `./sluice up` starts both)", cause);
      }
      throw new UserException("request " + request.getRequestId() + " failed: " + cause.getMessage(), cause);
    }
  }
}
