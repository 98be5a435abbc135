package dev.sluice.router.stage;

import dev.sluice.schemas.avro.Caller;

/**
 * A valid request whose key is known and may call the requested model.
 *
 * @param inbound the request
 * @param caller who sent it: key id, org, team
 * @param question the embedding of its last user message when it may use the semantic cache
 *     (filled in by the question embedder, {@link EmbedProcessor}); null otherwise
 */
public record Authenticated(Inbound inbound, Caller caller, float[] question) implements InFlight {

  public Authenticated(Inbound inbound, Caller caller) {
    this(inbound, caller, null);
  }

  /** The same request with its question's embedding. */
  public Authenticated withQuestion(float[] embedding) {
    return new Authenticated(inbound, caller, embedding);
  }
}
