package dev.sluice.workers.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.RateLimitStatus.Quota;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"1s, 1000", "6m0s, 360000", "120ms, 120", "17.28s, 17280", "1h2m3s, 3723000", "0s, 0"})
  void readsOpenAisDurations(String text, long millis) {
    assertThat(RateLimitHeaders.goDuration(text)).contains(Duration.ofMillis(millis));
  }

  @Test
  void keepsFractionsOfAMillisecond() {
    assertThat(RateLimitHeaders.goDuration("1.5ms")).contains(Duration.ofNanos(1_500_000));
  }

  @ParameterizedTest
  @CsvSource({"''", "soon", "5", "1s2", "-1s", "1d"})
  void rejectsWhatIsNotADuration(String text) {
    assertThat(RateLimitHeaders.goDuration(text)).isEmpty();
  }

  @Test
  void readsOpenAisRequestAndTokenQuotas() {
    Headers headers = Headers.of(
        "x-ratelimit-limit-requests", "60", "x-ratelimit-remaining-requests", "59", "x-ratelimit-reset-requests", "1s",
        "x-ratelimit-limit-tokens", "150000", "x-ratelimit-remaining-tokens", "149984", "x-ratelimit-reset-tokens", "6m0s");

    RateLimitStatus status = RateLimitHeaders.read(headers, CLOCK);

    assertThat(status.requests()).isEqualTo(new Quota(60, 59, NOW.plusSeconds(1)));
    assertThat(status.tokens()).isEqualTo(new Quota(150_000, 149_984, NOW.plusSeconds(360)));
  }

  @Test
  void readsAnthropicsQuotasWithTheirResetTimes() {
    Headers headers = Headers.of(
        "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "2",
        "anthropic-ratelimit-requests-reset", "2026-11-21T10:00:30Z",
        "anthropic-ratelimit-tokens-limit", "40000", "anthropic-ratelimit-tokens-remaining", "39000",
        "anthropic-ratelimit-tokens-reset", "2026-11-21T12:00:05+02:00");

    RateLimitStatus status = RateLimitHeaders.read(headers, CLOCK);

    assertThat(status.requests()).isEqualTo(new Quota(50, 2, NOW.plusSeconds(30)));
    assertThat(status.tokens()).isEqualTo(new Quota(40_000, 39_000, NOW.plusSeconds(5)));
    assertThat(status.lowUntil(0.05)).contains(NOW.plusSeconds(30));
    assertThat(status.lowUntil(0.01)).isEmpty();
  }

  @Test
  void anIncompleteOrUnreadableQuotaIsNoQuota() {
    assertThat(RateLimitHeaders.read(Headers.of(), CLOCK)).isEqualTo(RateLimitStatus.NONE);
    assertThat(RateLimitHeaders.read(Headers.of("x-ratelimit-limit-requests", "60",
        "x-ratelimit-remaining-requests", "1"), CLOCK)).isEqualTo(RateLimitStatus.NONE);
    assertThat(RateLimitHeaders.read(Headers.of("anthropic-ratelimit-requests-limit", "many",
        "anthropic-ratelimit-requests-remaining", "1", "anthropic-ratelimit-requests-reset", "2026-11-21T10:00:30Z"), CLOCK))
        .isEqualTo(RateLimitStatus.NONE);
    assertThat(RateLimitStatus.NONE.lowUntil(0.5)).isEqualTo(Optional.empty());
  }
}
