package dev.sluice.ledger;

import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.streams.StreamsRun;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the budget ledger: the {@link BudgetLedgerTopology} on Kafka Streams and, when a budget has
 * a webhook, the {@link AlertWebhooks} that post its alerts. {@link #start()} (or
 * {@link #start(BudgetLedgerSettings, GatewayConfig, Topics)}), {@link #awaitRunning(Duration)},
 * {@link #close(Duration)}; {@link #budgetState(String)} shows a budget's spend. Depends on no
 * other service module; the gateway CLI constructs and starts it.
 */
public final class BudgetLedgerService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BudgetLedgerService.class);
  private static final Duration TOPIC_CHECK_WAIT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final BudgetLedgerSettings settings;
  private final GatewayConfig config;
  private final Topics topics;
  private final Clock clock;
  private final Function<String, String> env;
  private final StreamsRun run = new StreamsRun("the budget ledger");
  private OkHttpClient http;
  private AlertWebhooks webhooks;

  public BudgetLedgerService(BudgetLedgerSettings settings, GatewayConfig config, Topics topics) {
    this(settings, config, topics, Clock.systemUTC(), System::getenv);
  }

  /**
   * @param clock "now" for {@code updated_at} and alert times
   * @param env looks up the environment variables that hold webhook secrets
   */
  public BudgetLedgerService(BudgetLedgerSettings settings, GatewayConfig config, Topics topics, Clock clock,
      Function<String, String> env) {
    this.settings = settings;
    this.config = config;
    this.topics = topics;
    this.clock = clock;
    this.env = env;
  }

  /** A service made with the defaults for clock and environment, already started. */
  public static BudgetLedgerService start(BudgetLedgerSettings settings, GatewayConfig config, Topics topics) {
    BudgetLedgerService service = new BudgetLedgerService(settings, config, topics);
    service.start();
    return service;
  }

  /**
   * Reads the webhook secrets, checks the topics, starts the stream threads and the webhook
   * deliveries; see {@link #awaitRunning(Duration)}.
   *
   * @throws IllegalStateException if a webhook's secret variable is not set, or a topic the ledger
   *     uses does not exist (not checked, with a warning, when the broker does not answer in time)
   */
  public synchronized void start() {
    if (run.isStarted()) {
      throw new IllegalStateException("the budget ledger was already started");
    }
    Map<String, WebhookTarget> targets = WebhookTarget.resolve(config.budgets(), env);
    checkTopics();
    run.start(BudgetLedgerTopology.build(config, topics, clock), LedgerStreamsConfig.properties(settings));
    if (targets.isEmpty()) {
      log.info("no budget has a webhook; alerts are only written to {}", topics.budgetAlerts().name());
      return;
    }
    http = WebhookPoster.newHttpClient(settings.webhooks());
    KafkaConsumer<String, BudgetAlert> consumer = new KafkaConsumer<>(WebhookConsumerConfig.properties(settings),
        new StringDeserializer(), topics.budgetAlerts().valueSerde().deserializer());
    webhooks = new AlertWebhooks(consumer, topics.budgetAlerts().name(), targets, http, settings.webhooks());
    webhooks.start();
  }

  private void checkTopics() {
    Optional<List<String>> missing;
    try {
      missing = LedgerTopics.missing(settings.bootstrapServers(), TOPIC_CHECK_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the budget ledger's topics", e);
    }
    if (missing.isEmpty()) {
      log.warn("no description of {} from {} within {}; starting without checking them", LedgerTopics.REQUIRED,
          settings.bootstrapServers(), TOPIC_CHECK_WAIT);
    } else if (!missing.get().isEmpty()) {
      throw new IllegalStateException("the budget ledger uses " + LedgerTopics.REQUIRED + ", but " + missing.get()
          + " do not exist; create them before starting it");
    }
  }

  /**
   * Waits until the ledger has joined its group and is processing, the first time.
   *
   * @return false if it is not running within {@code timeout}
   * @throws IllegalStateException if it stopped before it ever ran
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return run.awaitRunning(timeout);
  }

  /**
   * The spend of one budget in one period as this instance's store holds it, for operators and
   * tests. Only the partitions this instance owns are asked.
   *
   * @param stateKey {@link dev.sluice.schemas.BudgetStateKey#of}
   * @return empty if no entry of the period has been counted here
   * @throws IllegalStateException if the store cannot be asked now: not started, still restoring
   *     or rebalancing, or stopped; the message names the state
   */
  public synchronized Optional<BudgetState> budgetState(String stateKey) {
    try {
      ReadOnlyKeyValueStore<String, BudgetState> store = run.keyValueStore(LedgerNames.BUDGET_SPEND_STORE);
      return Optional.ofNullable(store.get(stateKey));
    } catch (InvalidStateStoreException e) {
      throw new IllegalStateException("the budget ledger's spend cannot be queried while it is " + run.state()
          + "; ask again once it is RUNNING", e);
    }
  }

  /** The Kafka Streams state, or NOT_RUNNING before {@link #start()}. */
  public KafkaStreams.State state() {
    return run.state();
  }

  /** Stops the webhook deliveries and the stream threads, waiting at most about {@code timeout}; idempotent. */
  public synchronized void close(Duration timeout) {
    if (webhooks != null) {
      webhooks.close();
      webhooks = null;
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      http = null;
    }
    run.close(timeout);
  }

  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }
}
