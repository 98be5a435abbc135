package dev.sluice.schemas.serde;

/**
 * A record on llm.requests could not be turned into a request. Carries what could still be read,
 * so that the caller gets an error reply where a reply topic is known.
 */
public final class RequestDecodeException extends Exception {
  private final String requestId;
  private final String correlationId;
  private final String replyTopic;

  public RequestDecodeException(String reason, String requestId, String correlationId, String replyTopic) {
    super(reason);
    this.requestId = requestId;
    this.correlationId = correlationId;
    this.replyTopic = replyTopic;
  }

  /** The request id, if one could be read (header or record key), else null. */
  public String requestId() {
    return requestId;
  }

  public String correlationId() {
    return correlationId;
  }

  /** The reply topic from the record's headers, else null. */
  public String replyTopic() {
    return replyTopic;
  }
}
