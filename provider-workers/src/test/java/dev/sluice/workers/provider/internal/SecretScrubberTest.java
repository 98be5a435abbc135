package dev.sluice.workers.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretScrubberTest {

  @Test
  void removesTheKeyAndKeyShapedEchoes() {
    SecretScrubber scrubber = new SecretScrubber("local-key-42");

    assertThat(scrubber.scrub("bad key local-key-42 given"))
        .isEqualTo("bad key [redacted] given");
    assertThat(scrubber.scrub("Incorrect API key provided: sk-proj-****************abcd. See docs."))
        .isEqualTo("Incorrect API key provided: [redacted]. See docs.");
    assertThat(scrubber.scrub(null)).isNull();
  }

  @Test
  void capsLongMessages() {
    String scrubbed = new SecretScrubber(null).scrub("x".repeat(2_000));

    assertThat(scrubbed).hasSize(SecretScrubber.MAX_LENGTH + 3).endsWith("...");
  }
}
