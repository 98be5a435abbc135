package dev.sluice.workers.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("1.5", clock)).contains(Duration.ofMillis(1500));
  }

  @Test
  void readsAnHttpDateAgainstTheClock() {
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:59:00 GMT", clock)).contains(Duration.ZERO);
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-3", clock)).isEmpty();
  }

  @Test
  void prefersOpenAisMillisecondHeader() {
    Headers both = Headers.of("Retry-After", "2", "retry-after-ms", "250.2");
    Headers secondsOnly = Headers.of("Retry-After", "2");

    assertThat(RetryAfter.fromHeaders(both, clock)).contains(Duration.ofMillis(251));
    assertThat(RetryAfter.fromHeaders(secondsOnly, clock)).contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.fromHeaders(Headers.of(), clock)).isEmpty();
  }
}
