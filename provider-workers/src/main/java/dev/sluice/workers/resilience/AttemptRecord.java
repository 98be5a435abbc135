package dev.sluice.workers.resilience;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderException;

/**
 * One entry of a request's attempt history: a provider call, or a local refusal that made none.
 *
 * @param provider   the target's provider
 * @param model      the target's model
 * @param keyId      the pool key that made the call; null when no call was made
 * @param retry      0 for the first call to the target, n for its n-th retry
 * @param outcome    {@code ok}, {@code truncated} or an error code
 * @param httpStatus the response status, or null without a response
 * @param errorType  the provider's error type or ours; null on success
 * @param latencyMs  how long the call took (0 without a call)
 * @param usage      the provider's reported usage when the attempt is billed, else null
 */
public record AttemptRecord(String provider, String model, String keyId, int retry, String outcome, Integer httpStatus,
    String errorType, long latencyMs, Usage usage) {

  /**
   * An answer: billed for the usage the provider reported. A complete answer is billed even when
   * the server reported no usage (it was served); an early-ended one only when usage was reported.
   */
  public static AttemptRecord answered(RouteTarget target, String keyId, int retry, ChatCompletion completion, long latencyMs) {
    boolean usageReported = completion.inputTokens() + completion.outputTokens() > 0;
    Usage usage = completion.truncated() && !usageReported
        ? null
        : new Usage(completion.inputTokens(), completion.outputTokens());
    return new AttemptRecord(target.getProvider(), target.getModel(), keyId, retry,
        completion.truncated() ? "truncated" : "ok", completion.httpStatus(), null, latencyMs, usage);
  }

  /** A failed call: never billed, since no usable answer came back. */
  static AttemptRecord failed(RouteTarget target, String keyId, int retry, ProviderException error, long latencyMs) {
    Integer status = error.httpStatus() == ProviderException.NO_HTTP_STATUS ? null : error.httpStatus();
    return new AttemptRecord(target.getProvider(), target.getModel(), keyId, retry,
        FailoverPolicy.errorCode(error).code(), status, error.errorType(), latencyMs, null);
  }

  /** A refusal on our side: no provider call, so no key, status or cost. */
  public static AttemptRecord refused(RouteTarget target, int retry, ErrorCode code, String errorType) {
    return new AttemptRecord(target.getProvider(), target.getModel(), null, retry, code.code(), null, errorType, 0, null);
  }

  public boolean billed() {
    return usage != null;
  }

  /** What this attempt costs at {@code prices}: its usage when billed, else nothing. */
  public long costMicros(Prices prices) {
    return billed() ? prices.costMicros(usage.getInputTokens(), usage.getOutputTokens()) : 0;
  }

  /** The contract's form, charged at {@code prices}. */
  public Attempt toAttempt(Prices prices) {
    return Attempt.newBuilder()
        .setProvider(provider)
        .setModel(model)
        .setOutcome(outcome)
        .setHttpStatus(httpStatus)
        .setLatencyMs(latencyMs)
        .setBilled(billed())
        .setKeyId(keyId)
        .setRetry(retry)
        .setErrorType(errorType)
        .setCostMicros(costMicros(prices))
        .build();
  }
}
