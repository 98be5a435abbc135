package dev.sluice.workers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.config.ProviderConfig;
import dev.sluice.schemas.config.ProviderKeyConfig;
import dev.sluice.schemas.config.ResilienceConfig;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.RateLimitStatus;
import dev.sluice.workers.provider.RateLimitStatus.Quota;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyPoolTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private KeyPool pool(long seed, ProviderKeyConfig... keys) {
    ProviderConfig provider = new ProviderConfig("openai", "http://127.0.0.1:1/v1", null, null, null, List.of(keys),
        null, null, ResilienceConfig.DEFAULTS, Map.of(), null);
    List<KeyAdapter> adapters = provider.keyPool().stream()
        .map(key -> new KeyAdapter(key, call -> new CompletableFuture<>())).toList();
    return KeyPool.create("openai", provider, adapters, new ResilienceRegistries(Clock.systemUTC()), scheduler, new Random(seed));
  }

  private static ProviderKeyConfig key(String id, int weight) {
    return new ProviderKeyConfig(id, null, weight, null, null);
  }

  private static String first(KeyPool pool, List<String> allowed) {
    return pool.candidates(allowed, NOW).getFirst().keyId();
  }

  @Test
  void drawsTheFirstKeyByWeight() {
    KeyPool pool = pool(7, key("light", 1), key("heavy", 3));

    Map<String, Long> firsts = IntStream.range(0, 4_000).mapToObj(i -> first(pool, List.of()))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(firsts.get("light")).isPositive();
    assertThat(firsts.get("heavy")).isGreaterThan(firsts.get("light") * 2).isLessThan(firsts.get("light") * 4);
  }

  @Test
  void everyAllowedKeyIsACandidateOnceAndOthersNever() {
    KeyPool pool = pool(1, key("a", 1), key("b", 1), key("c", 1));

    assertThat(pool.candidates(List.of(), NOW)).extracting(ProviderKey::keyId).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(pool.candidates(List.of("c", "a"), NOW)).extracting(ProviderKey::keyId).containsExactlyInAnyOrder("a", "c");
    assertThat(pool.candidates(List.of("z"), NOW)).isEmpty();
  }

  @Test
  void aCoolingKeyComesLastAndALowKeyAfterTheReadyOnes() {
    KeyPool pool = pool(3, key("cooling", 1_000), key("low", 1_000), key("ready", 1));
    ProviderKey cooling = pool.keys().get(0);
    cooling.standing().afterFailure(ProviderErrorClassifier.httpError(429, "rate_limit", "slow", Duration.ofSeconds(2)), NOW);
    pool.keys().get(1).standing().afterAnswer(
        new RateLimitStatus(new Quota(100, 1, NOW.plusSeconds(30)), null));

    for (int i = 0; i < 50; i++) {
      assertThat(pool.candidates(List.of(), NOW)).extracting(ProviderKey::keyId).containsExactly("ready", "low", "cooling");
    }
    assertThat(pool.readyIn(List.of("cooling"), NOW)).isEqualTo(Duration.ofSeconds(2));
    assertThat(pool.readyIn(List.of(), NOW)).isZero();
    // Once the reset and the Retry-After have passed, weight rules again.
    assertThat(pool.candidates(List.of(), NOW.plusSeconds(31)).getLast().keyId()).isEqualTo("ready");
  }

  @Test
  void a429WithoutRetryAfterCoolsTheKeyForOneSecond() {
    KeyPool pool = pool(3, key("a", 1));
    KeyStanding standing = pool.keys().getFirst().standing();

    standing.afterFailure(ProviderErrorClassifier.httpError(429, "rate_limit", "slow", null), NOW);

    assertThat(standing.coolingFor(NOW)).isEqualTo(Duration.ofSeconds(1));
    assertThat(standing.isCooling(NOW.plusSeconds(1))).isFalse();
  }
}
