package dev.sluice.workers.health;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.TestGateways;
import dev.sluice.workers.resilience.MutableClock;
import dev.sluice.workers.resilience.PipelineFixture;
import dev.sluice.workers.resilience.ProviderKey;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class HealthPublisherTest {
  private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
  private static final String CIRCUIT = "max_retries: 1, backoff_initial_ms: 1, backoff_max_ms: 5, "
      + "circuit_min_calls: 2, circuit_window: 4, circuit_open_ms: 30000";

  private final MutableClock clock = new MutableClock(START);
  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final Topics topics = new Topics(serdes);
  private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  private ProviderHealth decode(ProducerRecord<String, byte[]> record) {
    return serdes.providerHealth().deserialize(record.topic(), record.value());
  }

  @Test
  void publishesAnOpenCircuitAtOnceWithTheTimeItLetsTrialCallsThrough() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.ONE_KEY, CIRCUIT, 5_000, clock);
         HealthPublisher publisher = new HealthPublisher(producer, topics.providerHealth(), "worker-7",
             fixture.pipeline.pool().keys(), clock)) {
      fixture.sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.status(500))));

      fixture.call();

      await().until(() -> !producer.history().isEmpty());
      ProducerRecord<String, byte[]> record = producer.history().getFirst();
      ProviderHealth health = decode(record);
      assertThat(record.topic()).isEqualTo("llm.provider-health");
      assertThat(record.key()).isEqualTo("openai/default");
      assertThat(health.getCircuitState()).isEqualTo(CircuitState.OPEN);
      assertThat(health.getOpenUntil()).isEqualTo(START.plusSeconds(30));
      assertThat(health.getWorkerId()).isEqualTo("worker-7");
      assertThat(health.getErrorRate()).isEqualTo(1.0);
      assertThat(health.getCalls()).isEqualTo(2);
      assertThat(health.getP50Ms()).isNull();
    }
  }

  @Test
  void publishesEveryKeysFiguresEveryInterval() throws Exception {
    try (PipelineFixture fixture = new PipelineFixture(TestGateways.TWO_KEYS, "", 5_000, clock);
         HealthPublisher publisher = new HealthPublisher(producer, topics.providerHealth(), "worker-1",
             fixture.pipeline.pool().keys(), clock)) {
      for (int i = 0; i < 6; i++) {
        fixture.call();
      }

      publisher.start(Duration.ofMillis(20));

      await().until(() -> producer.history().size() >= 4);
      List<ProviderHealth> published = producer.history().stream().map(this::decode).toList();
      assertThat(published).extracting(ProviderHealth::getKeyId).contains("a", "b");
      assertThat(published).allSatisfy(health -> {
        assertThat(health.getCircuitState()).isEqualTo(CircuitState.CLOSED);
        assertThat(health.getOpenUntil()).isNull();
        assertThat(health.getErrorRate()).isZero();
      });
      int calls = fixture.pipeline.pool().keys().stream().map(ProviderKey::stats).mapToInt(s -> s.snapshot().calls()).sum();
      assertThat(calls).isEqualTo(6);
      ProviderHealth busiest = fixture.pipeline.pool().keys().stream().map(publisher::health)
          .max(java.util.Comparator.comparingInt(ProviderHealth::getCalls)).orElseThrow();
      assertThat(busiest.getP50Ms()).isNotNull();
      assertThat(busiest.getP95Ms()).isGreaterThanOrEqualTo(busiest.getP50Ms());
    }
  }
}
