package dev.sluice.workers.resilience;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.config.RouteConfig;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.ProviderException;
import java.util.Collection;
import java.util.Set;

/**
 * The failure classes, written down once.
 *
 * <table>
 *   <caption>What follows a failure at one target</caption>
 *   <tr><th>failure</th><th>class</th></tr>
 *   <tr><td>timeout, connection refused or reset, 408, 409, 429, 500, 502, 503, 504, 529 and every
 *       other 5xx, a malformed or cut-short body</td>
 *       <td>{@link FailureClass#RETRY RETRY} on the same target</td></tr>
 *   <tr><td>retries exhausted; every allowed key's circuit open; a {@code Retry-After} or local
 *       rate-limit wait beyond {@code backoff_max_ms} or past the deadline</td>
 *       <td>{@link FailureClass#NEXT_TARGET NEXT_TARGET}, decided by the pipeline from a RETRY</td></tr>
 *   <tr><td>{@value ProviderErrorClassifier#CONTEXT_LENGTH}, {@value ProviderErrorClassifier#CONTENT_POLICY}</td>
 *       <td>NEXT_TARGET when the route's {@code fallback_on} lists {@code context_length} or
 *       {@code content_policy} (a later model may accept the request), else FINAL</td></tr>
 *   <tr><td>400, 401, 403, 404, 413, 422 and every other 4xx</td>
 *       <td>{@link FailureClass#FINAL FINAL}: the same request cannot get another answer</td></tr>
 *   <tr><td>the deadline came during the call</td><td>{@link FailureClass#EXPIRED EXPIRED}</td></tr>
 * </table>
 *
 * <p>Which statuses are retryable at all is {@link ProviderErrorClassifier}'s one decision.
 *
 * <p>For the circuit breakers and health figures, only failures that tell of the provider's own
 * state count: 5xx, 408, timeouts, connection failures and broken bodies. A 429 is the key's
 * quota, not the provider's health, and a deadline cut is ours; both count neither way. Any other
 * answer, a final 4xx included, shows a provider that works.
 */
public final class FailoverPolicy {

  private static final Set<String> BROKEN_BODIES =
      Set.of(ProviderErrorClassifier.MALFORMED_RESPONSE, ProviderErrorClassifier.TRUNCATED_RESPONSE);

  private FailoverPolicy() {}

  /**
   * The class of one provider failure.
   *
   * @param fallbackOn the route's {@code fallback_on} list (empty for a request without a route)
   */
  public static FailureClass classify(ProviderException error, Collection<String> fallbackOn) {
    String type = error.errorType();
    if (ProviderErrorClassifier.DEADLINE_EXCEEDED.equals(type)) {
      return FailureClass.EXPIRED;
    }
    if (ProviderErrorClassifier.CONTEXT_LENGTH.equals(type)) {
      return fallbackOn.contains(RouteConfig.CONTEXT_LENGTH) ? FailureClass.NEXT_TARGET : FailureClass.FINAL;
    }
    if (ProviderErrorClassifier.CONTENT_POLICY.equals(type)) {
      return fallbackOn.contains(RouteConfig.CONTENT_POLICY) ? FailureClass.NEXT_TARGET : FailureClass.FINAL;
    }
    return error.retryable() ? FailureClass.RETRY : FailureClass.FINAL;
  }

  /** The error code a provider failure ends a request with when it is the request's last word. */
  public static ErrorCode errorCode(ProviderException error) {
    if (ProviderErrorClassifier.DEADLINE_EXCEEDED.equals(error.errorType())) {
      return ErrorCode.DEADLINE_EXCEEDED;
    }
    return error.httpStatus() == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.PROVIDER_ERROR;
  }

  /** True for failures that tell of the provider's own state: circuit breakers count these as failures. */
  public static boolean isProviderFailure(Throwable failure) {
    if (!(failure instanceof ProviderException error) || isHealthNeutral(error)) {
      return false;
    }
    int status = error.httpStatus();
    return status == ProviderException.NO_HTTP_STATUS || status >= 500 || status == 408
        || BROKEN_BODIES.contains(error.errorType());
  }

  /** True for failures that say nothing of the provider's state: circuit breakers ignore them. */
  public static boolean isHealthNeutral(Throwable failure) {
    return !(failure instanceof ProviderException error)
        || error.httpStatus() == 429
        || ProviderErrorClassifier.DEADLINE_EXCEEDED.equals(error.errorType());
  }
}
