package dev.sluice.workers.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server that speaks OpenAI's Chat Completions and Anthropic's Messages APIs, with
 * run-time latency and fault injection, for tests, {@code sluice up} and benchmarks; and OpenAI's
 * Files and Batch APIs and Anthropic's Message Batches API, whose jobs run as
 * {@link #batchBehaviour(BatchBehaviour)} says.
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults())) {
 *     sim.behaviour(SimulatorBehaviour.normal()
 *             .withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultPlan.sequence(Fault.status(503))));
 *     // point an adapter at sim.apiBaseUrl() ...
 *     assertThat(sim.calls(ProviderSimulator.OPENAI_CHAT_PATH)).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>A behaviour may differ per API key ({@link SimulatorBehaviour#withKey}), e.g. key A always
 * answering 429 while key B answers normally, and may limit each key's requests per minute with
 * the providers' rate-limit headers ({@link SimulatorBehaviour#withRequestsPerMinute}).
 * {@link #counters()} (or {@code GET /_sim/calls}) counts calls per key and per status. For a
 * refused connection, call a closed simulator's port.
 */
public final class ProviderSimulator implements AutoCloseable {

  public static final String OPENAI_CHAT_PATH = "/v1/chat/completions";
  public static final String ANTHROPIC_MESSAGES_PATH = "/v1/messages";
  /** OpenAI's Files API: batch input uploads and batch result files. */
  public static final String OPENAI_FILES_PATH = "/v1/files";
  /** OpenAI's Batch API, for jobs of chat completions. */
  public static final String OPENAI_BATCHES_PATH = "/v1/batches";
  public static final String ANTHROPIC_BATCHES_PATH = "/v1/messages/batches";
  public static final String ADMIN_BEHAVIOUR_PATH = "/_sim/behaviour";
  public static final String ADMIN_CALLS_PATH = "/_sim/calls";

  /** Load generators open hundreds of connections at once; the JDK's default backlog drops some. */
  private static final int ACCEPT_BACKLOG = 1024;

  /**
   * The JDK server closes any keep-alive connection beyond this many idle ones (default 200), which
   * a client pool of 512 sees as random "unexpected end of stream" failures. The JDK reads it once,
   * when the first HttpServer in the JVM starts; a value set on the command line wins.
   */
  static final String MAX_IDLE_CONNECTIONS_PROPERTY = "sun.net.httpserver.maxIdleConnections";
  private static final String MAX_IDLE_CONNECTIONS = "4096";
  /**
   * The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
   * the body can wait for the client's delayed ACK of the headers (up to 40 ms on Linux).
   */
  static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(MAX_IDLE_CONNECTIONS_PROPERTY) == null) {
      System.setProperty(MAX_IDLE_CONNECTIONS_PROPERTY, MAX_IDLE_CONNECTIONS);
    }
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimulatorControl control;
  private final AtomicReference<BatchBehaviour> batchBehaviour;

  private ProviderSimulator(HttpServer server, ExecutorService executor, SimulatorControl control,
      AtomicReference<BatchBehaviour> batchBehaviour) {
    this.server = server;
    this.executor = executor;
    this.control = control;
    this.batchBehaviour = batchBehaviour;
  }

  /** Starts a simulator on the configured address (127.0.0.1 by default); it serves until {@link #close()}. */
  public static ProviderSimulator start(SimulatorConfig config) {
    SimulatorControl control = new SimulatorControl(config.behaviour(), config.maxHang());
    AtomicReference<BatchBehaviour> batchBehaviour = new AtomicReference<>(BatchBehaviour.fast());
    // One virtual thread per exchange: latency sleeps and hangs park cheaply instead of
    // exhausting a pool, so the simulator keeps up with any number of concurrent callers.
    ExecutorService executor = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("provider-simulator-", 0).factory());
    HttpServer server;
    try {
      server = HttpServer.create(
          new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()),
          ACCEPT_BACKLOG);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port(), e);
    }
    server.setExecutor(executor);
    OpenAiChatApi openAiChat = new OpenAiChatApi();
    server.createContext(OPENAI_CHAT_PATH, new EndpointHandler(openAiChat, control));
    SimulatedFiles openAiFiles = new SimulatedFiles(Clock.systemUTC());
    server.createContext(OPENAI_FILES_PATH,
        new OpenAiRestHandler(OPENAI_FILES_PATH, new OpenAiFilesApi(openAiFiles), control.tally()));
    server.createContext(OPENAI_BATCHES_PATH, new OpenAiRestHandler(OPENAI_BATCHES_PATH, new OpenAiBatchesApi(
        new SimulatedBatches(batchBehaviour, Clock.systemUTC()), openAiFiles, openAiChat), control.tally()));
    server.createContext(ANTHROPIC_MESSAGES_PATH, new EndpointHandler(new AnthropicMessagesApi(), control));
    // The longer prefix wins, so batch paths do not reach the Messages endpoint.
    server.createContext(ANTHROPIC_BATCHES_PATH, new AnthropicBatchesApi(new AnthropicMessagesApi(),
        new SimulatedBatches(batchBehaviour, Clock.systemUTC())));
    server.createContext(ADMIN_BEHAVIOUR_PATH, new AdminHandler(control));
    server.createContext(ADMIN_CALLS_PATH, new CallsHandler(control));
    server.start();
    return new ProviderSimulator(server, executor, control, batchBehaviour);
  }

  /** {@code http://127.0.0.1:PORT}, without a path. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:PORT/v1}: the base URL for both the OpenAI and the Anthropic adapter. */
  public String apiBaseUrl() {
    return baseUrl() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorBehaviour behaviour() {
    return control.behaviour();
  }

  /** Installs a new behaviour atomically; fault sequences restart from their first entry and request-limit windows afresh. */
  public void behaviour(SimulatorBehaviour behaviour) {
    control.install(Objects.requireNonNull(behaviour, "behaviour"));
  }

  public BatchBehaviour batchBehaviour() {
    return batchBehaviour.get();
  }

  /** How batch jobs created from now on run; jobs already created keep theirs. */
  public void batchBehaviour(BatchBehaviour behaviour) {
    batchBehaviour.set(Objects.requireNonNull(behaviour, "behaviour"));
  }

  /**
   * Calls received on {@code path} (one of the provider paths) since start or the last reset: the
   * POSTs to a chat path; every call under {@link #OPENAI_FILES_PATH} or {@link #OPENAI_BATCHES_PATH}.
   */
  public long calls(String path) {
    return control.tally().calls(path);
  }

  /** Every counter: total, per path, per API key and per status sent (see {@link CallCounters}). */
  public CallCounters counters() {
    return control.tally().snapshot();
  }

  /** Sets every counter back to zero. */
  public void resetCalls() {
    control.tally().reset();
  }

  /** Stops at once: open connections, hanging calls included, are dropped. */
  @Override
  public void close() {
    control.markClosing();
    server.stop(0);
    executor.shutdownNow();
  }
}
