package dev.sluice.streams;

import dev.sluice.streams.errors.ReplaceThreadHandler;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a Sluice Kafka Streams service, the part the router and the budget ledger share:
 * started once, with dead stream threads replaced; awaited until it first processes; asked
 * through interactive queries; closed leaving its group, so a restart does not wait out the
 * session timeout.
 */
public final class StreamsRun {
  private static final Logger log = LoggerFactory.getLogger(StreamsRun.class);

  private final String name;
  private final CompletableFuture<Void> running = new CompletableFuture<>();
  private volatile KafkaStreams streams;

  /** @param name what the service is called in messages, e.g. {@code the router} */
  public StreamsRun(String name) {
    this.name = name;
  }

  /** Starts the stream threads; see {@link #awaitRunning(Duration)}. */
  public synchronized void start(Topology topology, Properties properties) {
    if (streams != null) {
      throw new IllegalStateException(name + " was already started");
    }
    KafkaStreams started = new KafkaStreams(topology, properties);
    started.setUncaughtExceptionHandler(new ReplaceThreadHandler());
    started.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.complete(null);
      } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
        running.completeExceptionally(new IllegalStateException(name + " stopped (" + now + ")"));
      }
    });
    streams = started;
    started.start();
  }

  public boolean isStarted() {
    return streams != null;
  }

  /**
   * Waits until the service has joined its group and is processing, the first time.
   *
   * @return false if it is not running within {@code timeout}
   * @throws IllegalStateException if it stopped before it ever ran
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    try {
      running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " stopped before it was running", e.getCause());
    }
  }

  /** The Kafka Streams state, or NOT_RUNNING before {@link #start}. */
  public KafkaStreams.State state() {
    KafkaStreams current = streams;
    return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
  }

  /**
   * A key-value store of this instance's tasks, for interactive queries.
   *
   * @throws IllegalStateException before {@link #start}
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while it cannot be queried
   */
  public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String storeName) {
    KafkaStreams current = streams;
    if (current == null) {
      throw new IllegalStateException(name + " is not started");
    }
    return current.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
  }

  /** Stops the stream threads, waiting at most about {@code timeout}; safe to call more than once. */
  public synchronized void close(Duration timeout) {
    // Leave the group on a clean stop, so a restart does not wait out the session timeout (45 s).
    CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(timeout);
    if (streams != null && !streams.close(options)) {
      log.warn("{} did not stop within {}", name, timeout);
    }
  }
}
