package dev.sluice.workers.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Decides, in this one place, which provider failures are worth another call to the same target.
 * What happens next (retry, next target, final error) is decided from this by
 * {@code dev.sluice.workers.resilience.FailoverPolicy}.
 *
 * <p>Retryable: no response at all (timeouts, refused or reset connections), a response whose body
 * is malformed or cut short, 408, 409 (both retried by the OpenAI and Anthropic SDKs), 429 and
 * every 5xx including Anthropic's 529. Final: every other 4xx (400, 401, 403, 404, 413, 422...),
 * since sending the same request again cannot change the answer; among them the adapters mark
 * context-length and content-policy refusals with the stable types {@value #CONTEXT_LENGTH} and
 * {@value #CONTENT_POLICY}, which a route may send to its next target.
 */
public final class ProviderErrorClassifier {

  public static final String TIMEOUT = "timeout";
  public static final String CONNECTION_REFUSED = "connection_refused";
  public static final String CONNECTION_ERROR = "connection_error";
  public static final String MALFORMED_RESPONSE = "malformed_response";
  public static final String TRUNCATED_RESPONSE = "truncated_response";
  /** The prompt (plus the completion limit) does not fit the model's context window. */
  public static final String CONTEXT_LENGTH = "context_length_exceeded";
  /** The provider refused the prompt or the answer under its content policy. */
  public static final String CONTENT_POLICY = "content_policy_violation";
  /** The request's deadline came while the call was in flight; the call was cancelled. */
  public static final String DEADLINE_EXCEEDED = "deadline_exceeded";

  private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 409, 429);

  private ProviderErrorClassifier() {}

  /** True when a response with this HTTP status is worth another attempt. */
  public static boolean isRetryableStatus(int status) {
    return status >= 500 || RETRYABLE_CLIENT_ERRORS.contains(status);
  }

  /** An error response without rate-limit headers. */
  public static ProviderException httpError(int status, String errorType, String message, Duration retryAfter) {
    return httpError(status, errorType, message, retryAfter, RateLimitStatus.NONE);
  }

  /**
   * An error response.
   *
   * @param errorType  the provider's error type, or null when its body had none
   * @param message    the provider's message, already scrubbed of secrets, or null
   * @param retryAfter the provider's requested wait, or null
   * @param rateLimits the key's quotas from the response headers
   */
  public static ProviderException httpError(int status, String errorType, String message, Duration retryAfter,
      RateLimitStatus rateLimits) {
    String type = errorType == null || errorType.isBlank() ? "http_" + status : errorType;
    String text = "HTTP " + status + " " + type + (message == null || message.isBlank() ? "" : ": " + message);
    return new ProviderException(status, isRetryableStatus(status), type, text, retryAfter, rateLimits, null);
  }

  /** No response arrived: the connection failed, was reset, or the call timed out. */
  public static ProviderException networkFailure(IOException failure) {
    String type = failure instanceof ConnectException ? CONNECTION_REFUSED
        : failure instanceof InterruptedIOException ? TIMEOUT
        : CONNECTION_ERROR;
    String text = type + ": " + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : " " + failure.getMessage());
    return noResponse(type, text, failure);
  }

  /** The call outlived the provider's time limit and was cancelled. */
  public static ProviderException timedOut(Duration limit) {
    return noResponse(TIMEOUT, TIMEOUT + ": no answer within the provider's timeout_ms of " + limit.toMillis(), null);
  }

  /** The request's deadline came while the call was in flight; the call was cancelled. */
  public static ProviderException deadlineReached(Instant deadline) {
    return new ProviderException(ProviderException.NO_HTTP_STATUS, false, DEADLINE_EXCEEDED,
        DEADLINE_EXCEEDED + ": the request's deadline " + deadline + " came during the call", null, null, null);
  }

  /**
   * A call that failed with anything other than a {@link ProviderException}, such as a bug in a
   * client callback: no usable response, so it counts as a retryable {@value #CONNECTION_ERROR}.
   */
  public static ProviderException unexpectedFailure(Throwable failure) {
    // Worded as this failure wrapped in an IOException has always been reported, so logs stay comparable.
    return noResponse(CONNECTION_ERROR, CONNECTION_ERROR + ": IOException " + failure, failure);
  }

  /** A response arrived but its body is not the JSON the provider documents. */
  public static ProviderException malformedResponse(int status, String detail) {
    return new ProviderException(status, true, MALFORMED_RESPONSE,
        MALFORMED_RESPONSE + ": malformed response body (HTTP " + status + "): " + detail, null, null, null);
  }

  /** A response arrived but its body ended early (connection closed mid-body). */
  public static ProviderException truncatedResponse(int status, IOException failure) {
    return new ProviderException(status, true, TRUNCATED_RESPONSE,
        TRUNCATED_RESPONSE + ": response body cut short (HTTP " + status + "): " + failure, null, null, failure);
  }

  private static ProviderException noResponse(String type, String text, Throwable cause) {
    return new ProviderException(ProviderException.NO_HTTP_STATUS, true, type, text, null, null, cause);
  }
}
