package dev.sluice.workers.health;

import dev.sluice.schemas.KafkaErrors;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.workers.resilience.CallStats;
import dev.sluice.workers.resilience.ProviderKey;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the health of every provider key a worker calls to {@code llm.provider-health}, keyed
 * {@code <provider>/<key id>}: every interval, and at once when a key's circuit changes state.
 * Health is advisory and each record replaces the last, so a plain (non-transactional) producer
 * sends them from this publisher's own thread, and a lost record waits for the next interval.
 *
 * <p>{@code open_until} is the time the circuit opened plus its configured open wait: the breaker
 * lets trial calls through from then on (on the next call, since transitions happen on use).
 */
public final class HealthPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthPublisher.class);

  private final Producer<String, byte[]> producer;
  private final Topic<String, ProviderHealth> topic;
  private final String workerId;
  private final List<ProviderKey> keys;
  private final Clock clock;
  private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "sluice-health");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean stopped;

  /** @param workerId the worker instance, named in every record */
  public HealthPublisher(Producer<String, byte[]> producer, Topic<String, ProviderHealth> topic, String workerId,
      List<ProviderKey> keys, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.workerId = workerId;
    this.keys = List.copyOf(keys);
    this.clock = clock;
    this.keys.forEach(key -> key.circuitBreaker().getEventPublisher()
        .onStateTransition(event -> onTransition(key, event.getStateTransition().getToState())));
  }

  /** Publishes every key's record now and then every {@code interval}. */
  public void start(Duration interval) {
    executor.scheduleAtFixedRate(this::publishAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The key's health as of now. */
  public ProviderHealth health(ProviderKey key) {
    CallStats.Snapshot stats = key.stats().snapshot();
    CircuitState state = circuitState(key.circuitBreaker().getState());
    return ProviderHealth.newBuilder()
        .setProvider(key.providerId())
        .setKeyId(key.keyId())
        .setWorkerId(workerId)
        .setCircuitState(state)
        .setOpenUntil(state == CircuitState.OPEN ? openUntil(key) : null)
        .setP50Ms(stats.p50Ms())
        .setP95Ms(stats.p95Ms())
        .setErrorRate(stats.errorRate())
        .setCalls(stats.calls())
        .setUpdatedAt(clock.instant())
        .build();
  }

  private void onTransition(ProviderKey key, CircuitBreaker.State to) {
    if (to == CircuitBreaker.State.OPEN) {
      openedAt.put(key.name(), clock.instant());
    }
    try {
      executor.execute(() -> publish(key));
    } catch (RejectedExecutionException e) {
      // Closing: the transition is not published, which the router tolerates as stale health.
    }
  }

  private Instant openUntil(ProviderKey key) {
    Instant opened = openedAt.get(key.name());
    if (opened == null) {
      return null;
    }
    long waitMillis = key.circuitBreaker().getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
    return opened.plusMillis(waitMillis);
  }

  private void publishAll() {
    keys.forEach(this::publish);
  }

  private void publish(ProviderKey key) {
    if (stopped) {
      return;
    }
    try {
      byte[] value = topic.valueSerde().serializer().serialize(topic.name(), health(key));
      producer.send(new ProducerRecord<>(topic.name(), key.name(), value), (metadata, error) -> {
        if (error != null) {
          onSendFailure(key, error);
        }
      });
    } catch (KafkaException e) {
      onSendFailure(key, e);
    }
  }

  private void onSendFailure(ProviderKey key, Exception error) {
    switch (KafkaErrors.classify(error)) {
      case FATAL -> {
        stopped = true;
        log.error("health publishing stops: the producer cannot go on", error);
      }
      case RETRIABLE -> log.debug("health of {} not published, the next interval sends it again: {}", key.name(), error.toString());
      case SKIP -> log.warn("health of {} not published: {}", key.name(), error.toString());
    }
  }

  private static CircuitState circuitState(CircuitBreaker.State state) {
    return switch (state) {
      case OPEN, FORCED_OPEN -> CircuitState.OPEN;
      case HALF_OPEN -> CircuitState.HALF_OPEN;
      case DISABLED -> CircuitState.DISABLED;
      case CLOSED, METRICS_ONLY -> CircuitState.CLOSED;
    };
  }

  /** Stops publishing and closes the producer. */
  @Override
  public void close() {
    stopped = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      producer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("closing the health producer failed", e);
    }
  }
}
