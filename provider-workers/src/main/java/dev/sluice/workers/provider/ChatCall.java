package dev.sluice.workers.provider;

import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.workers.provider.internal.JsonBodies;
import java.util.List;
import java.util.Objects;

/**
 * One chat call to one provider, in our (OpenAI-shaped) vocabulary.
 *
 * @param model          the provider's own model name, e.g. {@code gpt-4o-mini}
 * @param messages       the conversation, system messages included; never empty
 * @param maxTokens      completion token limit, or null for the provider's default
 * @param temperature    sampling temperature in OpenAI's 0..2 range, or null
 * @param parametersJson other OpenAI parameters as one JSON object, or null
 * @throws IllegalArgumentException when a value is out of range or parametersJson is not a JSON object
 */
public record ChatCall(
    String model,
    List<ChatMessage> messages,
    Integer maxTokens,
    Double temperature,
    String parametersJson) {

  public ChatCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(messages, "messages");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0, but was " + maxTokens);
    }
    if (parametersJson != null) {
      JsonBodies.parseObject(parametersJson, "parametersJson");
    }
    messages = List.copyOf(messages);
  }

  /** A call with only a model and messages. */
  public static ChatCall of(String model, List<ChatMessage> messages) {
    return new ChatCall(model, messages, null, null, null);
  }
}
