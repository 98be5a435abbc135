package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong();
  private final ProgressBar bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), 200, now::get);

  @Test
  void showsDoneOfTotalErrorsAndRate() {
    for (int i = 0; i < 50; i++) {
      bar.record(i == 3);
    }
    now.set(2_000_000_000L);

    assertThat(bar.render()).isEqualTo("[#######-----------------------]  50/200  errors 1  25.0/s");
  }

  @Test
  void redrawsAtMostEveryTenthOfASecondAndAlwaysAtTheEnd() {
    bar.record(false);
    bar.record(false);
    now.set(150_000_000L);
    bar.record(false);
    for (int i = 3; i < 200; i++) {
      bar.record(false);
    }
    bar.finish();

    String shown = err.toString(StandardCharsets.UTF_8);
    assertThat(shown.split("\r", -1)).hasSize(4);
    assertThat(shown).contains("  1/200", "  3/200", "200/200").doesNotContain("  2/200").endsWith(System.lineSeparator());
  }

  @Test
  void showsTheDetailAfterTheRateAndRedrawsWhenItChanges() {
    AtomicReference<String> jobs = new AtomicReference<>("jobs: 2 in_progress, 1 submitted");
    ProgressBar withJobs = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), 2, now::get, jobs::get);
    withJobs.record(false);
    jobs.set("jobs: 3 settled");
    now.set(50_000_000L);
    withJobs.refresh();
    now.set(100_000_000L);
    withJobs.refresh();
    now.set(200_000_000L);
    withJobs.refresh();

    String shown = err.toString(StandardCharsets.UTF_8);
    // Drawn on the reply; the change waits out the redraw interval, is drawn once, blanks covering the longer line.
    assertThat(shown.split("\r", -1)).containsExactly("",
        "[###############---------------] 1/2  errors 0  0.0/s  jobs: 2 in_progress, 1 submitted",
        "[###############---------------] 1/2  errors 0  10.0/s  jobs: 3 settled" + " ".repeat(16));
  }

  @Test
  void finishShowsADetailThatChangedAfterTheLastReply() {
    AtomicReference<String> jobs = new AtomicReference<>("jobs: 1 ended");
    ProgressBar withJobs = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), 1, now::get, jobs::get);
    now.set(1_000_000_000L);
    withJobs.record(false);
    jobs.set("jobs: 1 settled");
    withJobs.finish();

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "\r[##############################] 1/1  errors 0  1.0/s  jobs: 1 ended"
        + "\r[##############################] 1/1  errors 0  1.0/s  jobs: 1 settled" + System.lineSeparator());
  }
}
