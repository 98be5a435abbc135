package dev.sluice.workers.provider.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/** Reads how long a provider asked us to wait before calling again. */
public final class RetryAfter {

  private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);

  private RetryAfter() {}

  /**
   * From {@code retry-after-ms} (sent by OpenAI, more precise) or else {@code Retry-After}
   * (RFC 9110: delay-seconds or an HTTP date).
   */
  public static Optional<Duration> fromHeaders(Headers headers, Clock clock) {
    Optional<Duration> millis = parseMillis(headers.get("retry-after-ms"), BigDecimal.ONE);
    return millis.isPresent() ? millis : parse(headers.get("Retry-After"), clock);
  }

  /** Parses a {@code Retry-After} value; empty when absent or unreadable; a past date is zero. */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Optional<Duration> seconds = parseMillis(value, MILLIS_PER_SECOND);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // Fractions are rounded up to the next millisecond so that we never call back too early.
  private static Optional<Duration> parseMillis(String value, BigDecimal millisPerUnit) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      BigDecimal number = new BigDecimal(value.trim());
      if (number.signum() < 0) {
        return Optional.empty();
      }
      long millis = number.multiply(millisPerUnit).setScale(0, RoundingMode.CEILING).longValueExact();
      return Optional.of(Duration.ofMillis(millis));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
