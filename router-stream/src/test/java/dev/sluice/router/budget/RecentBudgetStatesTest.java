package dev.sluice.router.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.MutableClock;
import dev.sluice.schemas.avro.BudgetState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentBudgetStatesTest {
  private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");
  private static final String KEY = "acme-day@2026-11-21T00:00:00Z";

  private final Map<String, BudgetState> store = new HashMap<>();
  private final List<String> reads = new ArrayList<>();
  private final MutableClock clock = new MutableClock(DAY.plusSeconds(3600));
  private final RecentBudgetStates states = new RecentBudgetStates(key -> {
    reads.add(key);
    return store.get(key);
  }, clock, Duration.ofSeconds(1));

  @Test
  void aStateIsReadOnceAndServedDecodedUntilItIsASecondOld() {
    store.put(KEY, spent(100));
    assertThat(spentOf(states.state("acme-day", DAY))).contains(100L);

    store.put(KEY, spent(250));
    clock.advance(Duration.ofMillis(999));
    assertThat(spentOf(states.state("acme-day", DAY))).contains(100L);
    assertThat(reads).containsExactly(KEY);

    clock.advance(Duration.ofMillis(1));
    assertThat(spentOf(states.state("acme-day", DAY))).contains(250L);
    assertThat(reads).containsExactly(KEY, KEY);
  }

  @Test
  void aStateNotYetSentIsAlsoRememberedForASecond() {
    assertThat(states.state("acme-day", DAY)).isEmpty();
    store.put(KEY, spent(100));
    assertThat(states.state("acme-day", DAY)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(spentOf(states.state("acme-day", DAY))).contains(100L);
    assertThat(reads).hasSize(2);
  }

  @Test
  void eachPeriodIsReadUnderItsOwnKey() {
    store.put(KEY, spent(100));
    store.put("acme-day@2026-11-22T00:00:00Z", spent(7));

    assertThat(spentOf(states.state("acme-day", DAY))).contains(100L);
    assertThat(spentOf(states.state("acme-day", DAY.plus(Duration.ofDays(1))))).contains(7L);
    assertThat(states.state("other", DAY)).isEmpty();
    assertThat(reads).containsExactly(KEY, "acme-day@2026-11-22T00:00:00Z", "other@2026-11-21T00:00:00Z");
  }

  private static Optional<Long> spentOf(Optional<BudgetState> state) {
    return state.map(BudgetState::getSpentMicros);
  }

  private static BudgetState spent(long micros) {
    return BudgetState.newBuilder().setBudgetId("acme-day").setScope("org:acme").setPeriod("day")
        .setPeriodStart(DAY).setPeriodEnd(DAY.plus(Duration.ofDays(1))).setLimitMicros(1_000)
        .setSpentMicros(micros).setEntries(1).setUpdatedAt(DAY).build();
  }
}
