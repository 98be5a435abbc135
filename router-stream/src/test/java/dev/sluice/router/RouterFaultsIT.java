package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.router.fixtures.BrokerIO;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.routing.ProviderHealthView;
import dev.sluice.schemas.ProviderHealthKey;
import dev.sluice.schemas.DedupeKey;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedupe and health-aware routing on a real broker, with llm.provider-health and llm.outcomes
 * written the way workers write them.
 */
class RouterFaultsIT {
  private static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();
  private static final String FAULT_REPLIES = "app.fault-replies";
  private static final String TO_OPENAI = TopicNames.dispatch("openai");
  private static final String TO_ANTHROPIC = TopicNames.dispatch("anthropic");
  private static EmbeddedKafkaBroker broker;
  private static BrokerIO io;

  @TempDir
  Path stateDir;

  @BeforeAll
  static void startBroker() {
    broker = BrokerIO.startWithGatewayTopics(FAULT_REPLIES);
    io = new BrokerIO(broker);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void routesAroundAnOpenCircuitAndAnswersTheDuplicateFromTheOutcome() throws Exception {
    RouterSettings settings = RouterSettings.defaults(broker.bootstrapServers(), stateDir)
        .withReplicationFactor(1).withCommitIntervalMs(20);
    try (RouterService router = new RouterService(settings, Fixtures.config(), SERDES)) {
      router.start();
      assertThat(router.awaitRunning(Duration.ofSeconds(60))).isTrue();
      ProviderHealth open = Fixtures.health("openai", "default", CircuitState.OPEN,
          Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS), 400L);
      io.produce(TopicNames.PROVIDER_HEALTH, ProviderHealthKey.of("openai", "default"),
          SERDES.providerHealth().serialize(TopicNames.PROVIDER_HEALTH, open));
      await().atMost(Duration.ofSeconds(60)).until(() -> router.providerHealth("openai", "default").isPresent());
      assertThat(router.providerHealth("openai", "default")).hasValue(open);

      // The system clock judges deadlines here: none, so the test does not depend on the date.
      io.send(Fixtures.request("job-1").setDeadline(null).setReplyTopic(FAULT_REPLIES).build());
      io.send(Fixtures.request("job-1").setDeadline(null).setReplyTopic(FAULT_REPLIES)
          .setCorrelationId("corr-dup").build());

      ConsumerRecord<String, byte[]> dispatched = io.readUntil(Map.of(TO_ANTHROPIC, 1)).get(TO_ANTHROPIC).get(0);
      DispatchItem item = SERDES.dispatchBatches().deserialize(TO_ANTHROPIC, dispatched.value()).getItems().get(0);
      assertThat(item.getTargets()).extracting(RouteTarget::getProvider).containsExactly("anthropic", "openai");
      LlmReply outcome = LlmReply.newBuilder(Fixtures.reply("job-1")).setProvider("anthropic")
          .setModel("claude-sonnet-4").build();
      io.produce(TopicNames.OUTCOMES, item.getIntakePartition(), DedupeKey.of("acme", "job-1"),
          SERDES.replies().serialize(TopicNames.OUTCOMES, outcome));

      ConsumerRecord<String, byte[]> reply = io.readUntil(Map.of(FAULT_REPLIES, 1)).get(FAULT_REPLIES).get(0);
      assertThat(reply.key()).isEqualTo("job-1");
      assertThat(SERDES.replies().deserialize(FAULT_REPLIES, reply.value()))
          .isEqualTo(LlmReply.newBuilder(outcome).setCorrelationId("corr-dup").build());
      assertThat(io.readAll(TO_ANTHROPIC)).as("one dispatch for two requests").hasSize(1);
      assertThat(io.readAll(TO_OPENAI)).as("no dispatch to the open primary").isEmpty();
      assertThat(io.readAll(FAULT_REPLIES)).as("the first request's reply is the worker's").hasSize(1);
    }
  }

  @Test
  void anUndecodableOutcomeGoesToTheDeadLetterTopicAndTheRouterCarriesOn() throws Exception {
    RouterSettings settings = RouterSettings.defaults(broker.bootstrapServers(), stateDir)
        .withReplicationFactor(1).withCommitIntervalMs(20);
    try (RouterService router = new RouterService(settings, Fixtures.config(), SERDES)) {
      router.start();
      assertThat(router.awaitRunning(Duration.ofSeconds(60))).isTrue();

      io.produce(TopicNames.OUTCOMES, 0, DedupeKey.of("acme", "job-garbled"), "not avro".getBytes(StandardCharsets.UTF_8));

      ConsumerRecord<String, byte[]> dead = io.readUntil(Map.of(TopicNames.DEAD_LETTER, 1)).get(TopicNames.DEAD_LETTER).get(0);
      assertThat(new String(dead.headers().lastHeader(SluiceHeaders.DLQ_REASON).value(), StandardCharsets.UTF_8))
          .startsWith("cannot decode a record of llm.outcomes: ");
      assertThat(router.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }
}
