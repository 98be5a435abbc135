package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterServiceTest {
  @TempDir
  Path stateDir;

  @Test
  void knowsNoProviderHealthBeforeItStarts() {
    try (RouterService router = new RouterService(RouterSettings.defaults("127.0.0.1:9", stateDir),
        Fixtures.config(), SluiceSerdes.withoutRegistry())) {
      assertThat(router.providerHealth("openai", "default")).isEmpty();
      assertThat(router.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }
  }
}
