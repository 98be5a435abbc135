package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.router.fixtures.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Driven by a scripted topic lister and a clock that moves only when told. */
class AdminReplyTopicDirectoryTest {
  private static final Duration REFRESH = Duration.ofSeconds(30);
  private static final Duration RECHECK = Duration.ofSeconds(3);

  private final MutableClock clock = new MutableClock(NOW);
  private final ScriptedLister lister = new ScriptedLister();

  private AdminReplyTopicDirectory directory(Duration missWait) {
    return new AdminReplyTopicDirectory(lister, clock, REFRESH, RECHECK, missWait);
  }

  @Test
  void knownTopicIsAnsweredFromTheListWithoutAskingAgain() {
    lister.answer(Set.of("app.replies"));
    AdminReplyTopicDirectory directory = directory(Duration.ofSeconds(1));

    assertThat(directory.refreshNow(Duration.ofSeconds(1))).isTrue();
    assertThat(directory.exists("app.replies")).isTrue();
    assertThat(directory.exists("app.replies")).isTrue();
    assertThat(lister.calls).isEqualTo(1);
  }

  @Test
  void missAsksTheBrokerAgainAndFindsANewTopic() {
    lister.answer(Set.of("a"));
    lister.answer(Set.of("a", "b"));
    AdminReplyTopicDirectory directory = directory(Duration.ofSeconds(1));
    directory.refreshNow(Duration.ofSeconds(1));

    assertThat(directory.exists("b")).isTrue();
    assertThat(lister.calls).isEqualTo(2);
  }

  @Test
  void missIsRecheckedAtMostOncePerRecheckInterval() {
    lister.answer(Set.of("a"));
    lister.answer(Set.of("a"));
    lister.answer(Set.of("a", "b"));
    AdminReplyTopicDirectory directory = directory(Duration.ofSeconds(1));
    directory.refreshNow(Duration.ofSeconds(1));

    assertThat(directory.exists("b")).isFalse();
    clock.advance(RECHECK.minusMillis(1));
    assertThat(directory.exists("b")).as("within the recheck interval: answered from memory").isFalse();
    assertThat(lister.calls).isEqualTo(2);

    clock.advance(Duration.ofMillis(1));
    assertThat(directory.exists("b")).isTrue();
    assertThat(lister.calls).isEqualTo(3);
  }

  @Test
  void listIsRefreshedInTheBackgroundAfterTheRefreshIntervalAndForgetsDeletedTopics() {
    lister.answer(Set.of("a"));
    AdminReplyTopicDirectory directory = directory(Duration.ofSeconds(1));
    directory.refreshNow(Duration.ofSeconds(1));
    CompletableFuture<Set<String>> later = lister.pending();

    clock.advance(REFRESH);
    assertThat(directory.exists("a")).as("the old list answers while the new one is on its way").isTrue();
    later.complete(Set.of("c"));
    lister.answer(Set.of("c"));

    assertThat(directory.exists("a")).isFalse();
    assertThat(directory.exists("c")).isTrue();
  }

  @Test
  void brokerThatDoesNotAnswerCostsAtMostTheMissWait() {
    AdminReplyTopicDirectory directory = directory(Duration.ofMillis(20));
    lister.pending();

    assertThat(directory.refreshNow(Duration.ofMillis(20))).isFalse();
    assertThat(directory.exists("a")).isFalse();
    assertThat(lister.calls).as("one listing at a time").isEqualTo(1);
  }

  @Test
  void failedListingKeepsTheLastListAndIsRetriedAfterTheRecheckInterval() {
    lister.answer(Set.of("a"));
    lister.fail(new IllegalStateException("broker gone"));
    lister.answer(Set.of("a", "b"));
    AdminReplyTopicDirectory directory = directory(Duration.ofSeconds(1));
    directory.refreshNow(Duration.ofSeconds(1));

    clock.advance(REFRESH);
    assertThat(directory.exists("a")).isTrue();
    assertThat(lister.calls).isEqualTo(2);
    assertThat(directory.exists("a")).as("no new listing before the recheck interval").isTrue();
    assertThat(lister.calls).isEqualTo(2);

    clock.advance(RECHECK);
    assertThat(directory.exists("b")).isTrue();
  }

  @Test
  void timingsMustBePositive() {
    assertThatThrownBy(() -> new AdminReplyTopicDirectory(lister, clock, Duration.ZERO, RECHECK, RECHECK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refreshEvery must be > 0, but was PT0S");
  }

  /** Answers listings in the order scripted; an unscripted listing stays pending. */
  private static final class ScriptedLister implements AdminReplyTopicDirectory.TopicLister {
    private final Deque<CompletableFuture<Set<String>>> script = new ArrayDeque<>();
    int calls;

    void answer(Set<String> topics) {
      script.add(CompletableFuture.completedFuture(topics));
    }

    void fail(Exception error) {
      script.add(CompletableFuture.failedFuture(error));
    }

    CompletableFuture<Set<String>> pending() {
      CompletableFuture<Set<String>> future = new CompletableFuture<>();
      script.add(future);
      return future;
    }

    @Override
    public CompletionStage<Set<String>> listTopics() {
      calls++;
      CompletableFuture<Set<String>> next = script.poll();
      return next != null ? next : new CompletableFuture<>();
    }
  }
}
