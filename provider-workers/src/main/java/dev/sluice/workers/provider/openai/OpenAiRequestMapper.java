package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.internal.JsonBodies;

/** Builds a Chat Completions request body from a {@link ChatCall}. */
final class OpenAiRequestMapper {

  private OpenAiRequestMapper() {}

  /**
   * The call's extra parameters first, then its own fields over them, so that the model, the
   * messages and the limits the router checked are the ones sent.
   */
  static ObjectNode toBody(ChatCall call, TokenLimitField tokenLimitField) {
    ObjectNode body = call.parametersJson() == null
        ? JsonBodies.newObject()
        : JsonBodies.parseObject(call.parametersJson(), "parametersJson");
    // The adapter reads one JSON body; a streamed (server-sent events) answer would be unreadable.
    body.remove("stream");
    body.remove("stream_options");
    body.put("model", call.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : call.messages()) {
      ObjectNode node = messages.addObject();
      node.put("role", message.getRole());
      node.put("content", message.getContent());
      if (message.getName() != null) {
        node.put("name", message.getName());
      }
    }
    if (call.maxTokens() != null) {
      body.remove(TokenLimitField.MAX_TOKENS.fieldName());
      body.remove(TokenLimitField.MAX_COMPLETION_TOKENS.fieldName());
      body.put(tokenLimitField.fieldName(), call.maxTokens());
    }
    if (call.temperature() != null) {
      body.put("temperature", call.temperature());
    }
    return body;
  }
}
