package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.router.fixtures.BrokerIO;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router as the gateway runs it, against a real single-node broker with auto-creation off. */
class RouterServiceIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final String LATE_REPLIES = "app.late-replies";
  private static EmbeddedKafkaBroker broker;
  private static BrokerIO io;

  @TempDir
  Path stateDir;

  @BeforeAll
  static void startBroker() {
    broker = BrokerIO.startWithGatewayTopics(APP_REPLIES);
    io = new BrokerIO(broker);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void routesAndRejectsRequestsOnARealBroker() throws Exception {
    RouterSettings settings = RouterSettings.defaults(broker.bootstrapServers(), stateDir)
        .withReplicationFactor(1).withCommitIntervalMs(20);
    try (RouterService router = new RouterService(settings, Fixtures.config(), SERDES)) {
      router.start();
      assertThat(router.awaitRunning(Duration.ofSeconds(60))).isTrue();
      // Created after the router listed the topics: found by the re-check on a miss.
      broker.createTopics(List.of(LATE_REPLIES), 1);

      // The system clock judges deadlines here: none, so the test does not depend on the date.
      io.send(Fixtures.request("req-ok").setDeadline(null).build());
      io.send(Fixtures.request("req-bad").setReplyTopic(APP_REPLIES).setMaxTokens(0).build());
      io.send(Fixtures.request("req-late").setReplyTopic(LATE_REPLIES).setMaxTokens(0).build());
      io.send(Fixtures.request("req-gone").setReplyTopic("app.gone").build());

      Map<String, List<String>> keysByTopic = io.keysUntil(Map.of(TopicNames.dispatch("openai"), 1, APP_REPLIES, 1,
          LATE_REPLIES, 1, TopicNames.REPLIES, 1, TopicNames.AUDIT, 3));
      assertThat(keysByTopic.get(TopicNames.dispatch("openai"))).containsExactly("req-ok");
      assertThat(keysByTopic.get(APP_REPLIES)).containsExactly("req-bad");
      assertThat(keysByTopic.get(LATE_REPLIES)).containsExactly("req-late");
      assertThat(keysByTopic.get(TopicNames.REPLIES)).containsExactly("req-gone");
      assertThat(keysByTopic.get(TopicNames.AUDIT)).containsExactly("req-bad", "req-late", "req-gone");
      assertThat(router.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }
}
