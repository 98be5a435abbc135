package dev.sluice.router.stage;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.Caller;
import java.time.Instant;

/**
 * Why a request ends here, and everything its error reply and audit event need. Holds hashes
 * and sizes of the prompt, never its text, and never the key.
 *
 * @param position where the request was read; the audit event id derives from it
 * @param requestId what the reply and the audit event are keyed by
 * @param correlationId the caller's own id, echoed in the reply; may be null
 * @param replyTopic where the error reply goes; a topic that exists
 * @param receivedAt when the request entered llm.requests
 * @param code the stable error code
 * @param param the request field at fault, e.g. {@code messages[2].role}; null when none is
 * @param message what is wrong, naming the value and the limit; never the key or the prompt
 * @param model the requested model, null when the request could not be read
 * @param prompt hash and size of the messages, null when the request could not be read
 * @param caller the authenticated caller, null before authentication
 * @param dedupeKey the request's dedupe entry when it was admitted before being rejected (by the
 *     budget stage): the rejection is then its outcome, which duplicates receive; else null
 */
public record Rejection(
    String position,
    String requestId,
    String correlationId,
    String replyTopic,
    Instant receivedAt,
    ErrorCode code,
    String param,
    String message,
    String model,
    PromptDigest prompt,
    Caller caller,
    String dedupeKey) implements InFlight {

  /** A rejection of a decoded request, before authentication. */
  public static Rejection of(Inbound in, ErrorCode code, String param, String message) {
    return new Rejection(in.position(), in.requestId(), in.request().getCorrelationId(), in.replyTopic(),
        in.receivedAt(), code, param, message, in.request().getModel(), in.prompt(), null, null);
  }

  /** A rejection of an authenticated request: the audit event names the caller. */
  public static Rejection of(Authenticated request, ErrorCode code, String param, String message) {
    return of(request.inbound(), code, param, message).withCaller(request.caller());
  }

  public Rejection withCaller(Caller who) {
    return new Rejection(position, requestId, correlationId, replyTopic, receivedAt, code, param, message, model,
        prompt, who, dedupeKey);
  }

  /** A rejection of an admitted request, whose dedupe entry it completes. */
  public static Rejection of(Admitted admitted, ErrorCode code, String param, String message) {
    Rejection r = of(admitted.request(), code, param, message);
    return new Rejection(r.position, r.requestId, r.correlationId, r.replyTopic, r.receivedAt, code, param, message,
        r.model, r.prompt, r.caller, admitted.dedupeKey());
  }

  /** The same rejection, replied to another topic (when the requested one cannot take replies). */
  public Rejection replyingTo(String topic) {
    return new Rejection(position, requestId, correlationId, topic, receivedAt, code, param, message, model,
        prompt, caller, dedupeKey);
  }
}
