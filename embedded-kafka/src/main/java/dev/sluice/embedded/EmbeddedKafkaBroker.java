package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Predicate;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running in this JVM, listening on
 * 127.0.0.1 only. Persistent mode keeps its data (and its cluster id) in a directory across
 * restarts; ephemeral mode uses a temporary directory deleted on {@link #close()}.
 *
 * <p>{@link #start()} and {@link #close()} are synchronized; a broker starts once and, once closed,
 * stays closed (build a new one on the same directory to restart).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private final Path dataDir;
  private final boolean ephemeral;
  private final int requestedPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;
  private Path ephemeralRoot;
  private String bootstrapServers;
  private boolean closed;

  private EmbeddedKafkaBroker(Builder builder) {
    this.dataDir = builder.dataDir;
    this.ephemeral = builder.dataDir == null;
    this.requestedPort = builder.port;
    this.overrides = Map.copyOf(builder.overrides);
  }

  /** A broker whose data lives in a temporary directory, deleted on close. */
  public static Builder ephemeral() {
    return new Builder(null);
  }

  /** A broker whose data lives in {@code dataDir} (created if missing) and survives restarts. */
  public static Builder persistent(Path dataDir) {
    return new Builder(Objects.requireNonNull(dataDir, "dataDir"));
  }

  /**
   * Formats the data directory if it is new, starts the broker and returns once it accepts
   * requests. If startup fails the half-started server is shut down before the exception leaves.
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (server != null || closed) {
      throw new IllegalStateException(closed ? "broker is closed" : "broker is already started");
    }
    long startedAt = System.nanoTime();
    Path root = ephemeral ? DataDirs.createTemp("sluice-kafka-") : DataDirs.create(dataDir);
    Path logDir = DataDirs.create(root.resolve("log"));
    int brokerPort = requestedPort == 0 ? freePort() : requestedPort;
    int controllerPort = freePort();
    Properties props = BrokerProperties.create(logDir, brokerPort, controllerPort, overrides);
    KafkaRaftServer starting = null;
    try {
      StorageFormatter.formatIfNeeded(logDir, root.resolve("server.properties"), props);
      starting = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      starting.startup();
    } catch (RuntimeException | Error e) {
      if (starting != null) {
        shutdownQuietly(starting, e);
      }
      if (ephemeral) {
        DataDirs.deleteTree(root);
      }
      throw e;
    }
    server = starting;
    bootstrapServers = BrokerProperties.HOST + ":" + brokerPort;
    if (ephemeral) {
      ephemeralRoot = root;
    }
    log.info("Kafka broker ready at {} in {} ms (data in {})",
        bootstrapServers, (System.nanoTime() - startedAt) / 1_000_000, root);
    return this;
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      throw new IllegalStateException("broker is not started");
    }
    return bootstrapServers;
  }

  /** The directory holding the broker's data: the persistent directory, or the temporary one while running. */
  public synchronized Path dataDir() {
    return ephemeral ? ephemeralRoot : dataDir;
  }

  /**
   * Creates the topics with replication factor 1, ignoring those that already exist, and
   * returns once the broker can serve all their partitions.
   */
  public void createTopics(Collection<String> topics, int partitions) {
    createTopics(topics, partitions, topic -> false);
  }

  /** As {@link #createTopics(Collection, int)}, with {@code cleanup.policy=compact} for the topics {@code compacted} accepts. */
  public void createTopics(Collection<String> topics, int partitions, Predicate<String> compacted) {
    TopicAdmin.create(bootstrapServers(), topics, partitions, (short) 1, compacted);
  }

  /** Stops the broker and, in ephemeral mode, deletes its data. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
    bootstrapServers = null;
    if (ephemeralRoot != null) {
      DataDirs.deleteTree(ephemeralRoot);
      ephemeralRoot = null;
    }
  }

  private static void shutdownQuietly(KafkaRaftServer starting, Throwable cause) {
    try {
      starting.shutdown();
      starting.awaitShutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** A port free at this moment; another process could take it before the broker binds, which then fails loudly. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + BrokerProperties.HOST, e);
    }
  }

  /** Options of a broker; {@link #build()} makes it without starting it. */
  public static final class Builder {
    private final Path dataDir;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private int port;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /** Overrides one broker setting (e.g. {@code log.retention.ms}). */
    public Builder property(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }
  }
}
