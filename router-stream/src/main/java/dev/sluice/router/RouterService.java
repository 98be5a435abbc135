package dev.sluice.router;

import dev.sluice.router.cache.CacheResources;
import dev.sluice.router.stage.RouterStores;
import dev.sluice.schemas.ProviderHealthKey;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.streams.ExactlyOnceStreams;
import dev.sluice.streams.StreamsRun;
import dev.sluice.streams.errors.DeadLetterDeserializationHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the router: {@link #start()}, {@link #awaitRunning(Duration)}, {@link #close(Duration)};
 * {@link #providerHealth(String, String)} shows what it knows of provider health. Depends on no
 * other service module; the gateway CLI constructs and starts it.
 */
public final class RouterService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouterService.class);
  private static final Duration FIRST_TOPIC_LIST_WAIT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final RouterSettings settings;
  private final GatewayConfig config;
  private final SluiceSerdes serdes;
  private final Clock clock;
  private final StreamsRun run = new StreamsRun("the router");
  private final StreamsRun embedder = new StreamsRun("the question embedder");
  private Admin admin;

  public RouterService(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes) {
    this(settings, config, serdes, Clock.systemUTC());
  }

  public RouterService(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.serdes = serdes;
    this.clock = clock;
  }

  /**
   * Checks the topics it reads and starts the stream threads; see {@link #awaitRunning(Duration)}.
   *
   * @throws IllegalStateException if llm.requests, llm.outcomes or llm.provider-health does not
   *     exist, or llm.outcomes has not as many partitions as llm.requests; not checked, with a
   *     warning, when the broker does not answer in time
   */
  public synchronized void start() {
    if (run.isStarted()) {
      throw new IllegalStateException("the router was already started");
    }
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-reply-topics");
    admin = Admin.create(adminProps);
    try {
      checkSourceTopics();
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      admin = null;
      throw e;
    }
    AdminReplyTopicDirectory replyTopics = AdminReplyTopicDirectory.create(admin, clock);
    if (!replyTopics.refreshNow(FIRST_TOPIC_LIST_WAIT)) {
      log.warn("no topic list from {} within {}; reply topics are checked once it arrives",
          settings.bootstrapServers(), FIRST_TOPIC_LIST_WAIT);
    }
    Topics topics = new Topics(serdes);
    CacheResources cache = CacheResources.global();
    if (config.usesSemanticCache()) {
      embedder.start(QuestionEmbedderTopology.build(topics, cache), embedderStreamsProperties(settings));
    }
    run.start(RouterTopology.build(config, topics, replyTopics, clock, cache), streamsProperties(settings));
  }

  /**
   * Waits until the router has joined its group and is processing, the first time.
   *
   * @return false if it is not running within {@code timeout}
   * @throws IllegalStateException if it stopped before it ever ran
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!run.awaitRunning(timeout)) {
      return false;
    }
    return !embedder.isStarted() || embedder.awaitRunning(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private void checkSourceTopics() {
    Optional<Map<String, Integer>> partitions;
    try {
      partitions = SourceTopics.describe(admin, FIRST_TOPIC_LIST_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the router's source topics", e);
    }
    if (partitions.isEmpty()) {
      log.warn("no description of {} from {} within {}; starting without checking them", SourceTopics.REQUIRED,
          settings.bootstrapServers(), FIRST_TOPIC_LIST_WAIT);
      return;
    }
    SourceTopics.problem(partitions.get()).ifPresent(problem -> {
      throw new IllegalStateException(problem);
    });
  }

  /**
   * The health of one provider key as this router sees it: the last record of
   * {@code <provider>/<keyId>} on llm.provider-health that reached its global store. For
   * operators, and for tests that wait until the router has seen a circuit open.
   *
   * @return empty if no record for the key has arrived, or the store cannot be queried (the
   *     router is not started, still starting, or stopped)
   */
  public synchronized Optional<ProviderHealth> providerHealth(String provider, String keyId) {
    return lookup(RouterStores.PROVIDER_HEALTH, ProviderHealthKey.of(provider, keyId));
  }

  /**
   * The router's spent and reserved amounts of one budget in one period, from the tasks of this
   * instance; empty before the store is ready, or when this instance does not hold the budget's org.
   *
   * @param budgetStateKey {@link dev.sluice.schemas.BudgetStateKey#of}
   */
  public synchronized Optional<BudgetUsage> budgetUsage(String budgetStateKey) {
    return lookup(RouterStores.BUDGET_USAGE, budgetStateKey);
  }

  private <V> Optional<V> lookup(String storeName, String key) {
    if (!run.isStarted()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(run.<V>keyValueStore(storeName).get(key));
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  /** The Kafka Streams state, or NOT_RUNNING before {@link #start()}. */
  public KafkaStreams.State state() {
    return run.state();
  }

  /** Stops the stream threads, waiting at most about {@code timeout}; safe to call more than once. */
  public synchronized void close(Duration timeout) {
    run.close(timeout);
    embedder.close(timeout);
    if (admin != null) {
      admin.close(timeout);
      admin = null;
    }
  }

  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** The Kafka Streams settings: the shared ones ({@link ExactlyOnceStreams}) and the router's own, each with why. */
  public static Properties streamsProperties(RouterSettings settings) {
    Properties props = ExactlyOnceStreams.properties(settings.bootstrapServers(), settings.applicationId(),
        settings.stateDir(), settings.commitIntervalMs(), settings.numThreads(), settings.replicationFactor(),
        settings.instanceId(), "sluice-router-");
    // llm.requests is read as bytes, which cannot fail (intake decodes); a corrupt outcome or org-keyed request goes
    // to llm.dead-letter, a corrupt health or budget-state record is skipped (the global thread sends no dead letters).
    props.put(DeadLetterDeserializationHandler.GLOBAL_TOPICS_CONFIG,
        TopicNames.PROVIDER_HEALTH + "," + TopicNames.BUDGET_STATE);
    return props;
  }

  /**
   * The question embedder's Kafka Streams settings: the shared ones, application id
   * {@code <applicationId>}{@value RouterSettings#EMBEDDER_APPLICATION_SUFFIX}, {@code embedderThreads} threads.
   */
  public static Properties embedderStreamsProperties(RouterSettings settings) {
    return ExactlyOnceStreams.properties(settings.bootstrapServers(),
        settings.applicationId() + RouterSettings.EMBEDDER_APPLICATION_SUFFIX, settings.stateDir(),
        settings.commitIntervalMs(), settings.embedderThreads(), settings.replicationFactor(), settings.instanceId(),
        "sluice-embedder-");
  }
}
