package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the shape and node names of the router's topology and of its question embedder's. A change here is a change to what runs in
 * production: update {@code router-topology.txt} on purpose, never to make the test pass.
 */
class RouterTopologyTest {

  @Test
  void describeMatchesTheCheckedInTopology() throws IOException {
    Topology topology = RouterTopology.build(Fixtures.config(), new Topics(SluiceSerdes.withoutRegistry()),
        FixedReplyTopicDirectory.of(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

    assertThat(topology.describe().toString().strip()).isEqualTo(expected("/router-topology.txt"));
  }

  @Test
  void theQuestionEmbedderMatchesItsCheckedInTopology() throws IOException {
    Topology topology = QuestionEmbedderTopology.build(new Topics(SluiceSerdes.withoutRegistry()), CacheResources.global());

    assertThat(topology.describe().toString().strip()).isEqualTo(expected("/embedder-topology.txt"));
  }

  @Test
  void dedupeStoreIsLoggedToAChangelogNamedAfterIt(@TempDir Path stateDir) {
    try (RouterDriver router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(), stateDir)) {
      router.send(Fixtures.request("req-1").build());

      assertThat(router.changelogs()).containsExactly("sluice-router-dedupe-store-changelog");
    }
  }

  private static String expected(String resource) throws IOException {
    try (InputStream in = RouterTopologyTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
