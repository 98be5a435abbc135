package dev.sluice.router.stage;

import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.LlmRequest;
import java.time.Instant;

/**
 * A decoded request between intake and authentication. Its virtual key has already been
 * replaced by the key's hash, so no later stage can forward or log the secret.
 *
 * @param request the request as sent, with {@code virtual_key} removed
 * @param keySha256 SHA-256 of the virtual key, or null when the request carried none
 * @param position where the request was read, e.g. {@code llm.requests-3-1042}: stable under
 *     replay, so ids derived from it (event ids, fallback request ids) are too
 * @param receivedAt the record's timestamp: when the request entered llm.requests
 * @param prompt hash and size of the messages
 */
public record Inbound(LlmRequest request, String keySha256, String position, Instant receivedAt, PromptDigest prompt)
    implements InFlight {

  /**
   * Hashes the virtual key at once and drops it from the request.
   *
   * @param decoded a freshly decoded request, which this takes ownership of: its virtual key is
   *     cleared in place (no copy per record), so the caller must not use it afterwards
   */
  public static Inbound of(LlmRequest decoded, String position, Instant receivedAt) {
    String key = decoded.getVirtualKey();
    String keySha256 = key == null || key.isBlank() ? null : Sha256.hex(key);
    decoded.setVirtualKey(null);
    return new Inbound(decoded, keySha256, position, receivedAt, PromptDigest.of(decoded.getMessages()));
  }

  /** The request id replies and events are keyed by: the caller's, or the position if it gave none. */
  public String requestId() {
    String id = request.getRequestId();
    return id == null || id.isBlank() ? position : id;
  }

  /** Where the caller wants its reply: its own topic, or the default llm.replies. */
  public String replyTopic() {
    return request.getReplyTopic() == null ? TopicNames.REPLIES : request.getReplyTopic();
  }
}
