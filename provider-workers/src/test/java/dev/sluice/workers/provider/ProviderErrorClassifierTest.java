package dev.sluice.workers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderErrorClassifierTest {

  @ParameterizedTest(name = "HTTP {0} retryable: {1}")
  @CsvSource({
      "400, false", "401, false", "403, false", "404, false", "413, false", "422, false",
      "408, true", "409, true", "429, true",
      "500, true", "502, true", "503, true", "504, true", "529, true"})
  void sortsStatusesIntoRetryableAndFinal(int status, boolean retryable) {
    ProviderException error = ProviderErrorClassifier.httpError(status, "some_error", "text", null);

    assertThat(ProviderErrorClassifier.isRetryableStatus(status)).isEqualTo(retryable);
    assertThat(error.retryable()).isEqualTo(retryable);
    assertThat(error.httpStatus()).isEqualTo(status);
  }

  @Test
  void keepsTheProvidersTypeMessageAndRequestedWait() {
    ProviderException error = ProviderErrorClassifier.httpError(429, "rate_limit_error", "slow down", Duration.ofSeconds(3));

    assertThat(error.errorType()).isEqualTo("rate_limit_error");
    assertThat(error.getMessage()).isEqualTo("HTTP 429 rate_limit_error: slow down");
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void namesTheStatusWhenTheBodyHadNoType() {
    ProviderException error = ProviderErrorClassifier.httpError(502, null, null, null);

    assertThat(error.errorType()).isEqualTo("http_502");
    assertThat(error.getMessage()).isEqualTo("HTTP 502 http_502");
    assertThat(error.retryAfter()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "timeout, timeout",
      "socket-timeout, timeout",
      "refused, connection_refused",
      "reset, connection_error",
      "eof, connection_error"})
  void treatsEveryMissingResponseAsRetryableWithoutStatus(String failure, String type) {
    IOException cause = switch (failure) {
      case "timeout" -> new InterruptedIOException("timeout");
      case "socket-timeout" -> new SocketTimeoutException("Read timed out");
      case "refused" -> new ConnectException("Failed to connect to /127.0.0.1:1");
      case "reset" -> new SocketException("Connection reset");
      default -> new IOException("unexpected end of stream");
    };

    ProviderException error = ProviderErrorClassifier.networkFailure(cause);

    assertThat(error.errorType()).isEqualTo(type);
    assertThat(error.retryable()).isTrue();
    assertThat(error.httpStatus()).isEqualTo(ProviderException.NO_HTTP_STATUS);
    assertThat(error.getCause()).isSameAs(cause);
  }

  @Test
  void treatsBrokenBodiesAsRetryable() {
    ProviderException malformed = ProviderErrorClassifier.malformedResponse(200, "not JSON");
    ProviderException truncated = ProviderErrorClassifier.truncatedResponse(200, new IOException("eof"));

    assertThat(malformed.retryable()).isTrue();
    assertThat(malformed.errorType()).isEqualTo(ProviderErrorClassifier.MALFORMED_RESPONSE);
    assertThat(malformed.httpStatus()).isEqualTo(200);
    assertThat(truncated.retryable()).isTrue();
    assertThat(truncated.errorType()).isEqualTo(ProviderErrorClassifier.TRUNCATED_RESPONSE);
  }

  @Test
  void reportsAnUnexpectedFailureAsARetryableConnectionError() {
    IllegalStateException bug = new IllegalStateException("callback failed");

    ProviderException error = ProviderErrorClassifier.unexpectedFailure(bug);

    assertThat(error.errorType()).isEqualTo(ProviderErrorClassifier.CONNECTION_ERROR);
    assertThat(error.retryable()).isTrue();
    assertThat(error.httpStatus()).isEqualTo(ProviderException.NO_HTTP_STATUS);
    assertThat(error.getMessage())
        .isEqualTo("connection_error: IOException java.lang.IllegalStateException: callback failed");
    assertThat(error.getCause()).isSameAs(bug);
  }
}
