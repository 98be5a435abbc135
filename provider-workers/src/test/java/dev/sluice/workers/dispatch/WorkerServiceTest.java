package dev.sluice.workers.dispatch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wiring the gateway uses; Kafka clients connect only once started, so none is needed here. */
class WorkerServiceTest {
  private final GatewayConfig config = TestConfigs.testGateway();
  private final ProviderRegistry providers =
      new ProviderRegistry(config, ProviderSecrets.of(TestConfigs.PROVIDER_KEYS), new ProviderAdapterFactory());
  private final Topics topics = new Topics(SluiceSerdes.withoutRegistry());

  @Test
  void wiresEveryServedProviderAndClosesWithoutHavingStarted() {
    assertThatCode(() -> new WorkerService(WorkerSettings.defaults("127.0.0.1:9"), config, topics, providers, Clock.systemUTC())
        .close()).doesNotThrowAnyException();
  }

  @Test
  void refusesToServeAProviderThatIsNotConfigured() {
    WorkerSettings settings = new WorkerSettings("127.0.0.1:9", "0", Set.of("mistral"), 500,
        WorkerSettings.defaults("x").pollTimeout(), WorkerSettings.DEFAULT_BATCH_WINDOW, WorkerSettings.DEFAULT_HEALTH_INTERVAL);

    assertThatThrownBy(() -> new WorkerService(settings, config, topics, providers, Clock.systemUTC()))
        .hasMessage("cannot serve provider 'mistral': not in the configuration (known: [anthropic, openai])");
  }

  @Test
  void rejectsAHealthIntervalBelowOneMillisecond() {
    assertThatThrownBy(() -> WorkerSettings.defaults("127.0.0.1:9").withHealthInterval(java.time.Duration.ZERO))
        .hasMessage("healthInterval must be >= 1 ms, but was PT0S");
  }
}
