package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
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
}
