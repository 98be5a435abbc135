package dev.sluice.gateway.faults;

import static org.awaitility.Awaitility.await;

import dev.sluice.embedded.DataDirs;
import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.ledger.BudgetLedgerService;
import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterService;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetUsage;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real broker, two simulated providers ({@code primary} and {@code fallback}, both speaking the
 * OpenAI API) and a route {@code chat} from the first to the second; the router and the workers
 * run in this JVM or in their own processes, so that tests can kill them.
 */
final class FaultCluster implements AutoCloseable {
  static final String VIRTUAL_KEY = "sk-fault-test";
  static final String ROUTE = "chat";
  static final String PRIMARY = "primary";
  static final String FALLBACK = "fallback";
  static final String WORKER_ID = "fault-worker";
  /** The request {@link #awaitServing} sends. */
  static final String WARM_UP_ID = "warm-up";
  private static final Map<String, String> PROVIDER_KEYS = Map.of("SIM_KEY", "sk-sim-key");

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Path dir;
  private final EmbeddedKafkaBroker broker;
  private final ProviderSimulator primary;
  private final ProviderSimulator fallback;
  private final Path configFile;
  private final GatewayConfig config;
  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final KafkaProducer<String, byte[]> producer;
  private final GatewayServices services = new GatewayServices(ProviderSecrets.of(PROVIDER_KEYS));
  private int processes;

  /**
   * @param primaryUrl the primary's API base URL, or null for the primary simulator
   * @param resilience the {@code resilience:} block of both providers, one YAML flow mapping
   */
  FaultCluster(int partitions, String primaryUrl, String resilience) {
    this(partitions, primaryUrl, resilience, "");
  }

  /**
   * @param budgets the entries of a {@code budgets:} list, YAML lines indented by two spaces, or empty
   */
  FaultCluster(int partitions, String primaryUrl, String resilience, String budgets) {
    this(partitions, primaryUrl, resilience, budgets, "");
  }

  /**
   * @param batching the fields of a {@code batching:} mapping, YAML lines indented by two spaces, or empty
   */
  FaultCluster(int partitions, String primaryUrl, String resilience, String budgets, String batching) {
    dir = DataDirs.createTemp("sluice-faults-");
    broker = EmbeddedKafkaBroker.ephemeral().build();
    running.push(broker);
    broker.start();
    primary = ProviderSimulator.start(SimulatorConfig.defaults());
    running.push(primary);
    fallback = ProviderSimulator.start(SimulatorConfig.defaults());
    running.push(fallback);
    configFile = dir.resolve("gateway.yaml");
    write(configFile, yaml(primaryUrl != null ? primaryUrl : primary.apiBaseUrl(), fallback.apiBaseUrl(), resilience)
        + (budgets.isEmpty() ? "" : "budgets:\n" + budgets)
        + (batching.isEmpty() ? "" : "batching:\n" + batching));
    config = GatewayConfigLoader.load(configFile);
    broker.createTopics(TopicNames.all(config.providers().keySet()), partitions, TopicNames::isCompacted);
    producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
    running.push(producer);
  }

  /** The cluster's providers, routes and keys without a cluster: for what can be computed from prices alone. */
  static GatewayConfig offlineConfig() {
    return GatewayConfigLoader.parse(yaml("http://127.0.0.1:9", "http://127.0.0.1:9", "{}"), "fault-cluster.yaml");
  }

  private static String yaml(String primaryUrl, String fallbackUrl, String resilience) {
    return "providers:\n"
        + provider(PRIMARY, primaryUrl, resilience, "0.15", "0.60")
        + provider(FALLBACK, fallbackUrl, resilience, "0.30", "1.20")
        + """
        routes:
          chat:
            targets:
              - {provider: primary, model: gpt-4o-mini}
              - {provider: fallback, model: gpt-4o-mini}
        keys:
          - {id: fault-key, sha256: %s, org: acme, routes: [chat]}
        """.formatted(Sha256.hex(VIRTUAL_KEY));
  }

  /** One OpenAI-shaped provider offering gpt-4o-mini at the given dollar prices per million tokens. */
  private static String provider(String id, String url, String resilience, String inputPrice, String outputPrice) {
    return """
          %s:
            type: openai
            base_url: %s
            api_key_env: SIM_KEY
            timeout_ms: 5000
            resilience: %s
            models:
              gpt-4o-mini: {input_per_million: %s, output_per_million: %s}
        """.formatted(id, url, resilience, inputPrice, outputPrice);
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  ProviderSimulator primary() {
    return primary;
  }

  ProviderSimulator fallback() {
    return fallback;
  }

  SluiceSerdes serdes() {
    return serdes;
  }

  RouterService startRouter() {
    RouterService router = (RouterService) services.startRouter(
        RouterSettings.defaults(bootstrap(), DataDirs.create(dir.resolve("router"))), config, serdes);
    running.push(router);
    return router;
  }

  GatewayConfig config() {
    return config;
  }

  /** The budget-ledger service in this JVM: spend per budget from the ledger to llm.budget-state. */
  BudgetLedgerService startBudgetLedger() {
    BudgetLedgerService ledger = BudgetLedgerService.start(
        BudgetLedgerSettings.defaults(bootstrap(), DataDirs.create(dir.resolve("budget-ledger"))), config,
        new Topics(serdes));
    running.push(ledger);
    return ledger;
  }

  AutoCloseable startWorkers() {
    AutoCloseable workers = services.startWorkers(WorkerSettings.defaults(bootstrap()).withInstanceId(WORKER_ID), config, serdes);
    running.push(workers);
    return workers;
  }

  /** {@code sluice router} in its own JVM, with its state in this cluster's directory; a restart reuses the instance id. */
  ServiceProcess startRouterProcess() {
    return process(List.of("router", "--bootstrap", bootstrap(), "--config", configFile.toString(),
        "--state-dir", dir.resolve("router-process").toString(), "--instance-id", "fault-router"));
  }

  /** {@code sluice workers} in its own JVM; a restart reuses the instance id, which fences the last run's transactions. */
  ServiceProcess startWorkersProcess() {
    return process(List.of("workers", "--bootstrap", bootstrap(), "--config", configFile.toString(), "--instance-id", WORKER_ID));
  }

  private ServiceProcess process(List<String> args) {
    ServiceProcess process = ServiceProcess.start(args, PROVIDER_KEYS, dir.resolve(args.getFirst() + "-" + (++processes) + ".log"));
    running.push(process);
    return process;
  }

  /** Publishes requests for the route, keyed by request id, and waits until the broker has them. */
  void publish(List<String> requestIds) {
    publishRequests(requests(requestIds));
  }

  /** The route's standard test request for each id. */
  static List<LlmRequest> requests(List<String> requestIds) {
    return requestIds.stream().map(FaultCluster::request).toList();
  }

  /** Publishes the given requests, keyed by request id, and waits until the broker has them. */
  void publishRequests(List<LlmRequest> requests) {
    for (LlmRequest request : requests) {
      byte[] value = serdes.requests().serializer().serialize(TopicNames.REQUESTS, request);
      producer.send(new ProducerRecord<>(TopicNames.REQUESTS, request.getRequestId(), value));
    }
    producer.flush();
  }

  /** Sends one request and waits for its reply: the services are up and have joined their groups. */
  void awaitServing(TopicTail<LlmReply> replies) {
    publish(List.of(WARM_UP_ID));
    await().atMost(Duration.ofSeconds(60)).until(() -> replies.values().stream().anyMatch(r -> r.getRequestId().equals(WARM_UP_ID)));
  }

  static LlmRequest request(String id) {
    return LlmRequest.newBuilder()
        .setRequestId(id)
        .setVirtualKey(VIRTUAL_KEY)
        .setModel(ROUTE)
        .setMessages(List.of(new ChatMessage("user", "Say something short about request " + id, null)))
        .setMaxTokens(256)
        .build();
  }

  TopicTail<LlmReply> replies() {
    return tail(TopicNames.REPLIES, serdes.replies().deserializer());
  }

  TopicTail<LlmReply> outcomes() {
    return tail(TopicNames.OUTCOMES, serdes.replies().deserializer());
  }

  TopicTail<CostLedgerEntry> ledger() {
    return tail(TopicNames.COST_LEDGER, serdes.ledgerEntries().deserializer());
  }

  TopicTail<DispatchBatch> dispatch(String provider) {
    return tail(TopicNames.dispatch(provider), serdes.dispatchBatches().deserializer());
  }

  TopicTail<BatchJob> batchJobs() {
    return tail(TopicNames.BATCH_JOBS, serdes.batchJobs().deserializer());
  }

  TopicTail<ProviderHealth> health() {
    return tail(TopicNames.PROVIDER_HEALTH, serdes.providerHealth().deserializer());
  }

  TopicTail<BudgetState> budgetStates() {
    return tail(TopicNames.BUDGET_STATE, serdes.budgetStates().deserializer());
  }

  TopicTail<BudgetUsage> budgetUsages() {
    return tail(TopicNames.BUDGET_RESERVATIONS, serdes.budgetUsages().deserializer());
  }

  TopicTail<byte[]> requests() {
    return tail(TopicNames.REQUESTS, new ByteArrayDeserializer());
  }

  private <V> TopicTail<V> tail(String topic, Deserializer<V> values) {
    TopicTail<V> tail = new TopicTail<>(bootstrap(), topic, values);
    running.push(tail);
    return tail;
  }

  Quiescence quiescence() {
    Quiescence quiescence = new Quiescence(bootstrap());
    running.push(quiescence);
    return quiescence;
  }

  private Properties producerProperties() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return props;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        // Closing the rest matters more than this one's failure.
      }
    }
    DataDirs.deleteTree(dir);
  }
}
