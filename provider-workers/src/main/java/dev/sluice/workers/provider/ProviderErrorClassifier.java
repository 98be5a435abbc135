package dev.sluice.workers.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;

/**
 * Decides, in this one place, which provider failures are worth another attempt.
 *
 * <p>Retryable: no response at all (timeouts, refused or reset connections), a response whose body
 * is malformed or cut short, 408, 409 (both retried by the OpenAI and Anthropic SDKs), 429 and
 * every 5xx including Anthropic's 529. Final: every other 4xx (400, 401, 403, 404, 413, 422...),
 * since sending the same request again cannot change the answer.
 */
public final class ProviderErrorClassifier {

  public static final String TIMEOUT = "timeout";
  public static final String CONNECTION_REFUSED = "connection_refused";
  public static final String CONNECTION_ERROR = "connection_error";
  public static final String MALFORMED_RESPONSE = "malformed_response";
  public static final String TRUNCATED_RESPONSE = "truncated_response";

  private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 409, 429);

  private ProviderErrorClassifier() {}

  /** True when a response with this HTTP status is worth another attempt. */
  public static boolean isRetryableStatus(int status) {
    return status >= 500 || RETRYABLE_CLIENT_ERRORS.contains(status);
  }

  /**
   * An error response.
   *
   * @param errorType  the provider's error type, or null when its body had none
   * @param message    the provider's message, already scrubbed of secrets, or null
   * @param retryAfter the provider's requested wait, or null
   */
  public static ProviderException httpError(int status, String errorType, String message, Duration retryAfter) {
    String type = errorType == null || errorType.isBlank() ? "http_" + status : errorType;
    String text = "HTTP " + status + " " + type + (message == null || message.isBlank() ? "" : ": " + message);
    return new ProviderException(status, isRetryableStatus(status), type, text, retryAfter, null);
  }

  /** No response arrived: the connection failed, was reset, or the call timed out. */
  public static ProviderException networkFailure(IOException failure) {
    String type = failure instanceof ConnectException ? CONNECTION_REFUSED
        : failure instanceof InterruptedIOException ? TIMEOUT
        : CONNECTION_ERROR;
    String text = type + ": " + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : " " + failure.getMessage());
    return new ProviderException(ProviderException.NO_HTTP_STATUS, true, type, text, null, failure);
  }

  /**
   * A call that failed with anything other than a {@link ProviderException}, such as a bug in a
   * client callback: no usable response, so it counts as a retryable {@value #CONNECTION_ERROR}.
   */
  public static ProviderException unexpectedFailure(Throwable failure) {
    // Worded as this failure wrapped in an IOException has always been reported, so logs stay comparable.
    String text = CONNECTION_ERROR + ": IOException " + failure;
    return new ProviderException(ProviderException.NO_HTTP_STATUS, true, CONNECTION_ERROR, text, null, failure);
  }

  /** A response arrived but its body is not the JSON the provider documents. */
  public static ProviderException malformedResponse(int status, String detail) {
    return new ProviderException(status, true, MALFORMED_RESPONSE,
        "malformed response body (HTTP " + status + "): " + detail, null, null);
  }

  /** A response arrived but its body ended early (connection closed mid-body). */
  public static ProviderException truncatedResponse(int status, IOException failure) {
    return new ProviderException(status, true, TRUNCATED_RESPONSE,
        "response body cut short (HTTP " + status + "): " + failure, null, failure);
  }
}
