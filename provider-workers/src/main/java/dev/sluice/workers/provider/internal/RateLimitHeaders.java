package dev.sluice.workers.provider.internal;

import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.RateLimitStatus.Quota;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Reads a key's quotas from rate-limit response headers, in either provider's shape. A quota is
 * read only when its limit, remaining and reset are all present and readable.
 */
public final class RateLimitHeaders {

  /** One part of a Go duration as OpenAI writes resets: {@code 6m0s}, {@code 1s}, {@code 120ms}, {@code 17.28s}. */
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");
  private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
      "h", 3_600_000_000_000L, "m", 60_000_000_000L, "s", 1_000_000_000L,
      "ms", 1_000_000L, "us", 1_000L, "µs", 1_000L, "ns", 1L);

  private RateLimitHeaders() {}

  /** The quotas the headers report; {@link RateLimitStatus#NONE} when they report none. */
  public static RateLimitStatus read(Headers headers, Clock clock) {
    Instant now = clock.instant();
    Quota requests = openAi(headers, "requests", now).or(() -> anthropic(headers, "requests")).orElse(null);
    Quota tokens = openAi(headers, "tokens", now).or(() -> anthropic(headers, "tokens")).orElse(null);
    return requests == null && tokens == null ? RateLimitStatus.NONE : new RateLimitStatus(requests, tokens);
  }

  // https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
  private static Optional<Quota> openAi(Headers headers, String kind, Instant now) {
    Optional<Long> limit = count(headers.get("x-ratelimit-limit-" + kind));
    Optional<Long> remaining = count(headers.get("x-ratelimit-remaining-" + kind));
    Optional<Duration> reset = goDuration(headers.get("x-ratelimit-reset-" + kind));
    return limit.isPresent() && remaining.isPresent() && reset.isPresent()
        ? Optional.of(new Quota(limit.get(), remaining.get(), now.plus(reset.get())))
        : Optional.empty();
  }

  // https://docs.anthropic.com/en/api/rate-limits#response-headers
  private static Optional<Quota> anthropic(Headers headers, String kind) {
    String prefix = "anthropic-ratelimit-" + kind + "-";
    Optional<Long> limit = count(headers.get(prefix + "limit"));
    Optional<Long> remaining = count(headers.get(prefix + "remaining"));
    Optional<Instant> reset = rfc3339(headers.get(prefix + "reset"));
    return limit.isPresent() && remaining.isPresent() && reset.isPresent()
        ? Optional.of(new Quota(limit.get(), remaining.get(), reset.get()))
        : Optional.empty();
  }

  /** A Go duration such as {@code 6m0s} or {@code 120ms}; empty when absent or unreadable. */
  static Optional<Duration> goDuration(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Matcher part = DURATION_PART.matcher(value.trim());
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
      end = part.end();
    }
    if (end == 0 || end != value.trim().length()) {
      return Optional.empty();
    }
    // Rounded up so that a reset is never believed earlier than the provider said.
    return Optional.of(Duration.ofNanos(nanos.setScale(0, RoundingMode.CEILING).longValue()));
  }

  private static Optional<Instant> rfc3339(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> count(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
