package dev.sluice.schemas;

import dev.sluice.schemas.avro.ErrorInfo;

/**
 * The stable error codes of terminal error replies, each with its OpenAI error type.
 * Callers may switch on {@link #code()}; it never changes for an existing constant.
 */
public enum ErrorCode {
  INVALID_REQUEST("invalid_request", "invalid_request_error", 400),
  UNAUTHORIZED("unauthorized", "authentication_error", 401),
  MODEL_NOT_ALLOWED("model_not_allowed", "permission_error", 403),
  BUDGET_EXCEEDED("budget_exceeded", "insufficient_quota", 402),
  RATE_LIMITED("rate_limited", "rate_limit_error", 429),
  GUARDRAIL_BLOCKED("guardrail_blocked", "invalid_request_error", 400),
  PROVIDER_ERROR("provider_error", "api_error", 502),
  ALL_TARGETS_FAILED("all_targets_failed", "api_error", 503),
  DEADLINE_EXCEEDED("deadline_exceeded", "timeout_error", 504),
  BATCH_EXPIRED("batch_expired", "api_error", 504),
  /** A request with cache policy {@code only} found no cached answer. */
  CACHE_MISS("cache_miss", "not_found_error", 404);

  private final String code;
  private final String type;
  private final int httpStatus;

  ErrorCode(String code, String type, int httpStatus) {
    this.code = code;
    this.type = type;
    this.httpStatus = httpStatus;
  }

  /** The HTTP status an OpenAI-compatible surface (e.g. a batch output line) reports for it. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The constant for a code string, e.g. {@code "budget_exceeded"}; PROVIDER_ERROR if unknown. */
  public static ErrorCode fromCode(String code) {
    for (ErrorCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    return PROVIDER_ERROR;
  }

  public String code() {
    return code;
  }

  public String type() {
    return type;
  }

  /** An error body in the OpenAI shape. */
  public ErrorInfo toError(String message, String param) {
    return ErrorInfo.newBuilder().setType(type).setCode(code).setMessage(message).setParam(param).build();
  }
}
