package dev.sluice.router.stage;

import dev.sluice.router.cache.EmbeddingBytes;
import dev.sluice.schemas.avro.AuthenticatedRequest;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An {@link Authenticated} request as it crosses llm.requests.by-org: the Avro
 * {@link AuthenticatedRequest}. The key's hash is not carried; nothing after authentication needs it.
 * The question's embedding is, as float32 bytes.
 */
public final class AuthenticatedSerde implements Serde<Authenticated> {
  private final Serde<AuthenticatedRequest> avro;

  public AuthenticatedSerde(Serde<AuthenticatedRequest> avro) {
    this.avro = avro;
  }

  @Override
  public Serializer<Authenticated> serializer() {
    return (topic, request) -> request == null ? null : avro.serializer().serialize(topic, toAvro(request));
  }

  @Override
  public Deserializer<Authenticated> deserializer() {
    return (topic, bytes) -> {
      AuthenticatedRequest decoded = avro.deserializer().deserialize(topic, bytes);
      return decoded == null ? null : fromAvro(decoded);
    };
  }

  static AuthenticatedRequest toAvro(Authenticated request) {
    Inbound in = request.inbound();
    return AuthenticatedRequest.newBuilder()
        .setRequest(in.request())
        .setCaller(request.caller())
        .setPosition(in.position())
        .setReceivedAt(in.receivedAt())
        .setPromptSha256(in.prompt().sha256())
        .setPromptChars(in.prompt().chars())
        .setQuestionEmbedding(request.question() == null ? null : EmbeddingBytes.of(request.question()))
        .build();
  }

  static Authenticated fromAvro(AuthenticatedRequest request) {
    Inbound in = new Inbound(request.getRequest(), null, request.getPosition(), request.getReceivedAt(),
        new PromptDigest(request.getPromptSha256(), request.getPromptChars()));
    return new Authenticated(in, request.getCaller(), EmbeddingBytes.vector(request.getQuestionEmbedding()));
  }
}
