package dev.sluice.router.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.DedupeKey;
import org.junit.jupiter.api.Test;

class OutcomeProcessorTest {

  @Test
  void orgIsReadBackFromTheDedupeKeyWhateverTheIdsContain() {
    assertThat(OutcomeProcessor.org(DedupeKey.of("acme", "req-1"), "req-1")).isEqualTo("acme");
    assertThat(OutcomeProcessor.org(DedupeKey.of("acme/eu", "job/7/line/2"), "job/7/line/2")).isEqualTo("acme/eu");
  }

  @Test
  void keyOfAnotherRequestHasNoOrg() {
    assertThat(OutcomeProcessor.org(DedupeKey.of("acme", "req-1"), "req-2")).isNull();
  }
}
