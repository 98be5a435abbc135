package dev.sluice.workers.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * The one way a provider call fails. Made only by {@link ProviderErrorClassifier}, so that which
 * failures are retryable is decided in one place.
 *
 * <p>The message never contains an API key: provider-supplied text is scrubbed before it gets here.
 */
public final class ProviderException extends RuntimeException {

  /** {@link #httpStatus()} of failures where no HTTP response arrived (timeouts, refused, reset). */
  public static final int NO_HTTP_STATUS = 0;

  private final int httpStatus;
  private final boolean retryable;
  private final String errorType;
  private final Duration retryAfter;
  private final transient RateLimitStatus rateLimits;

  ProviderException(int httpStatus, boolean retryable, String errorType, String message,
      Duration retryAfter, RateLimitStatus rateLimits, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.errorType = errorType;
    this.retryAfter = retryAfter;
    this.rateLimits = rateLimits == null ? RateLimitStatus.NONE : rateLimits;
  }

  /** The HTTP status, or {@link #NO_HTTP_STATUS} when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when another call to the same target may succeed (see {@link ProviderErrorClassifier}). */
  public boolean retryable() {
    return retryable;
  }

  /**
   * The provider's error type ({@code rate_limit_error}, {@code invalid_api_key}...), one of the
   * stable types the adapters map to ({@value ProviderErrorClassifier#CONTEXT_LENGTH},
   * {@value ProviderErrorClassifier#CONTENT_POLICY}), or one of ours for failures without a
   * provider body: {@code timeout}, {@code connection_refused}, {@code connection_error},
   * {@code malformed_response}, {@code truncated_response}, {@code deadline_exceeded}.
   */
  public String errorType() {
    return errorType;
  }

  /** How long the provider asked us to wait, from {@code Retry-After}, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The key's quotas as the error response's headers reported them. */
  public RateLimitStatus rateLimits() {
    return rateLimits;
  }
}
