package dev.sluice.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {
  @Test
  void rejectsAnInvalidPortAndUseBeforeStart() {
    assertThatThrownBy(() -> EmbeddedKafkaBroker.ephemeral().port(-3))
        .hasMessage("port must be between 0 and 65535, but was -3");
    assertThatThrownBy(() -> EmbeddedKafkaBroker.ephemeral().build().bootstrapServers())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("broker is not started");
  }
}
