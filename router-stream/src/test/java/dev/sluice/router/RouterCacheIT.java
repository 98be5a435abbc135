package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.router.fixtures.BrokerIO;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.DedupeKey;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.CacheHit;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache on a real broker: an answer filled before the router stops still answers, exactly and
 * semantically, from a router started afresh on an empty state directory, which has only the
 * store's changelog to restore it from and rebuilds its semantic index from the store.
 */
class RouterCacheIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final String QUESTION = "How do I reset my password?";

  @TempDir
  Path firstStateDir;
  @TempDir
  Path secondStateDir;

  @Test
  void cachedAnswersSurviveARouterRestartOnAnEmptyStateDirectory() throws Exception {
    GatewayConfig config = GatewayConfigLoader.parse(Fixtures.YAML.replace("  smart:\n    targets:",
        "  smart:\n    cache: {semantic: true, similarity_threshold: 0.9}\n    targets:"), "cache.yaml");
    assertThat(config.cacheFor("smart").semantic()).isTrue();
    try (EmbeddedKafkaBroker broker = BrokerIO.startWithGatewayTopics()) {
      BrokerIO io = new BrokerIO(broker);
      try (RouterService router = start(broker, config, firstStateDir)) {
        io.send(asking("req-1", QUESTION));
        io.readUntil(Map.of(TopicNames.dispatch("openai"), 1));
        io.produce(TopicNames.OUTCOMES, DedupeKey.of("acme", "req-1"),
            SERDES.replies().serialize(TopicNames.OUTCOMES, Fixtures.reply("req-1")));
        io.send(asking("req-2", QUESTION));
        assertThat(cacheOf(replies(io, 1).get(0))).isEqualTo(new CacheHit("exact", 1.0, "req-1"));
      }

      try (RouterService router = start(broker, config, secondStateDir)) {
        io.send(asking("req-3", QUESTION));
        io.send(asking("req-4", "How can I reset my password?"));
        List<LlmReply> replies = replies(io, 3);

        assertThat(replies).extracting(LlmReply::getRequestId).containsExactly("req-2", "req-3", "req-4");
        assertThat(cacheOf(replies.get(1))).isEqualTo(new CacheHit("exact", 1.0, "req-1"));
        assertThat(replies.get(2).getCache().getKind()).isEqualTo("semantic");
        assertThat(replies.get(2).getCache().getSourceRequestId()).isEqualTo("req-1");
        assertThat(replies.get(2).getContent()).isEqualTo(Fixtures.reply("req-1").getContent());
        assertThat(io.readAll(TopicNames.dispatch("openai"))).extracting(ConsumerRecord::key).containsExactly("req-1");
      }
    }
  }

  private static RouterService start(EmbeddedKafkaBroker broker, GatewayConfig config, Path stateDir)
      throws InterruptedException {
    RouterService router = new RouterService(RouterSettings.defaults(broker.bootstrapServers(), stateDir)
        .withReplicationFactor(1).withCommitIntervalMs(20), config, SERDES);
    router.start();
    assertThat(router.awaitRunning(Duration.ofSeconds(60))).isTrue();
    return router;
  }

  private static List<LlmReply> replies(BrokerIO io, int count) {
    return io.readUntil(Map.of(TopicNames.REPLIES, count)).get(TopicNames.REPLIES).stream()
        .map(r -> SERDES.replies().deserialize(TopicNames.REPLIES, r.value())).toList();
  }

  private static CacheHit cacheOf(LlmReply reply) {
    return reply.getCache();
  }

  private static LlmRequest asking(String requestId, String question) {
    return Fixtures.request(requestId).setTemperature(0.0).setDeadline(null)
        .setMessages(new ArrayList<>(List.of(Fixtures.message("system", "Be brief."),
            Fixtures.message("user", question))))
        .build();
  }
}
