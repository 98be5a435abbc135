package dev.sluice.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.errors.DeadLetterDeserializationHandler;
import dev.sluice.streams.errors.DeadLetterProcessingHandler;
import dev.sluice.streams.errors.DeadLetterProductionHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RouterSettingsTest {
  private static final Path STATE = Path.of("/tmp/sluice-router-state");

  @Test
  void defaultsAreTheDocumentedOnes() {
    RouterSettings settings = RouterSettings.defaults("127.0.0.1:9092", STATE);

    assertThat(settings).isEqualTo(new RouterSettings("127.0.0.1:9092", "sluice-router", STATE, 10, 1, -1, null, 1));
  }

  @Test
  void badValuesAreRefusedNamingTheValue() {
    RouterSettings ok = RouterSettings.defaults("127.0.0.1:9092", STATE);

    assertThatThrownBy(() -> ok.withCommitIntervalMs(-3)).hasMessage("commitIntervalMs must be > 0, but was -3");
    assertThatThrownBy(() -> ok.withNumThreads(0)).hasMessage("numThreads must be >= 1, but was 0");
    assertThatThrownBy(() -> ok.withEmbedderThreads(0)).hasMessage("embedderThreads must be >= 1, but was 0");
    assertThatThrownBy(() -> ok.withReplicationFactor(0))
        .hasMessage("replicationFactor must be >= 1, or -1 for the broker's default, but was 0");
    assertThatThrownBy(() -> ok.withApplicationId(" ")).hasMessage("applicationId must not be blank, but was ' '");
    assertThatThrownBy(() -> ok.withInstanceId(""))
        .hasMessage("instanceId must be null (dynamic membership) or not blank, but was ''");
    assertThatThrownBy(() -> RouterSettings.defaults("", STATE))
        .hasMessage("bootstrapServers must be host:port[,host:port...], but was ''");
  }

  @Test
  void streamsRunExactlyOnceWithTheSettingsAndOurHandlers() {
    RouterSettings settings = RouterSettings.defaults("127.0.0.1:9092", STATE)
        .withApplicationId("router-a").withCommitIntervalMs(10).withNumThreads(2).withReplicationFactor(1);

    Properties props = RouterService.streamsProperties(settings);

    assertThat(props)
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "router-a")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, STATE.toString())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10L)
        .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L)
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class)
        .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class)
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class)
        .doesNotContainKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    new StreamsConfig(props);
  }

  @Test
  void anInstanceIdMakesTheRoutersGroupMembersStatic() {
    Properties props = RouterService.streamsProperties(RouterSettings.defaults("127.0.0.1:9092", STATE).withInstanceId("r-1"));

    assertThat(props).containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "sluice-router-r-1");
    assertThat(new StreamsConfig(props).getMainConsumerConfigs("sluice-router", "client", 1))
        .as("Streams gives each thread its own member").containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "sluice-router-r-1-1");
  }

  @Test
  void theQuestionEmbedderIsAnApplicationOfItsOwnWithItsOwnThreads() {
    RouterSettings settings = RouterSettings.defaults("127.0.0.1:9092", STATE)
        .withApplicationId("router-a").withNumThreads(2).withEmbedderThreads(3).withInstanceId("r-1");

    Properties props = RouterService.embedderStreamsProperties(settings);

    assertThat(props)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "router-a-embedder")
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10L)
        .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "sluice-embedder-r-1");
    new StreamsConfig(props);
  }
}
