package dev.sluice.workers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The failure table of {@link FailoverPolicy}, row by row. */
class FailoverPolicyTest {

  private static ProviderException failure(String kind) {
    return switch (kind) {
      case "timeout" -> ProviderErrorClassifier.networkFailure(new InterruptedIOException("timeout"));
      case "time_limit" -> ProviderErrorClassifier.timedOut(Duration.ofSeconds(5));
      case "refused" -> ProviderErrorClassifier.networkFailure(new ConnectException("Connection refused"));
      case "reset" -> ProviderErrorClassifier.networkFailure(new SocketException("Connection reset"));
      case "malformed" -> ProviderErrorClassifier.malformedResponse(200, "not JSON");
      case "cut" -> ProviderErrorClassifier.truncatedResponse(200, new IOException("unexpected end of stream"));
      case "context_length" -> ProviderErrorClassifier.httpError(400, ProviderErrorClassifier.CONTEXT_LENGTH, "too long", null);
      case "content_policy" -> ProviderErrorClassifier.httpError(400, ProviderErrorClassifier.CONTENT_POLICY, "refused", null);
      case "deadline" -> ProviderErrorClassifier.deadlineReached(Instant.EPOCH);
      default -> ProviderErrorClassifier.httpError(Integer.parseInt(kind), "some_error", "text", null);
    };
  }

  @ParameterizedTest(name = "{0}: {1}, with fallback_on {2}, code {3}, provider failure {4}")
  @CsvSource({
      "timeout, RETRY, RETRY, provider_error, true",
      "time_limit, RETRY, RETRY, provider_error, true",
      "refused, RETRY, RETRY, provider_error, true",
      "reset, RETRY, RETRY, provider_error, true",
      "malformed, RETRY, RETRY, provider_error, true",
      "cut, RETRY, RETRY, provider_error, true",
      "408, RETRY, RETRY, provider_error, true",
      "409, RETRY, RETRY, provider_error, false",
      "429, RETRY, RETRY, rate_limited, false",
      "500, RETRY, RETRY, provider_error, true",
      "502, RETRY, RETRY, provider_error, true",
      "503, RETRY, RETRY, provider_error, true",
      "504, RETRY, RETRY, provider_error, true",
      "529, RETRY, RETRY, provider_error, true",
      "400, FINAL, FINAL, provider_error, false",
      "401, FINAL, FINAL, provider_error, false",
      "403, FINAL, FINAL, provider_error, false",
      "404, FINAL, FINAL, provider_error, false",
      "413, FINAL, FINAL, provider_error, false",
      "422, FINAL, FINAL, provider_error, false",
      "context_length, FINAL, NEXT_TARGET, provider_error, false",
      "content_policy, FINAL, NEXT_TARGET, provider_error, false",
      "deadline, EXPIRED, EXPIRED, deadline_exceeded, false"})
  void classifiesEveryFailure(String kind, FailureClass plain, FailureClass withFallback, String code,
      boolean providerFailure) {
    ProviderException error = failure(kind);

    assertThat(FailoverPolicy.classify(error, List.of())).isEqualTo(plain);
    assertThat(FailoverPolicy.classify(error, List.of("context_length", "content_policy"))).isEqualTo(withFallback);
    assertThat(FailoverPolicy.errorCode(error)).isEqualTo(ErrorCode.fromCode(code));
    assertThat(FailoverPolicy.isProviderFailure(error)).isEqualTo(providerFailure);
  }

  @ParameterizedTest(name = "fallback_on [{0}] moves {1} on: {2}")
  @CsvSource({
      "context_length, context_length, true", "context_length, content_policy, false",
      "content_policy, content_policy, true", "content_policy, context_length, false"})
  void eachFallbackErrorIsListedOnItsOwn(String listed, String kind, boolean movesOn) {
    assertThat(FailoverPolicy.classify(failure(kind), List.of(listed)))
        .isEqualTo(movesOn ? FailureClass.NEXT_TARGET : FailureClass.FINAL);
  }

  @ParameterizedTest(name = "{0} is health-neutral: {1}")
  @CsvSource({"429, true", "deadline, true", "500, false", "400, false", "timeout, false"})
  void rateLimitsAndDeadlinesSayNothingOfHealth(String kind, boolean neutral) {
    assertThat(FailoverPolicy.isHealthNeutral(failure(kind))).isEqualTo(neutral);
    assertThat(FailoverPolicy.isHealthNeutral(new IllegalStateException("local"))).isTrue();
  }
}
