package dev.sluice.workers.resilience;

import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.workers.dispatch.ProviderRegistry;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.dispatch.TestGateways;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.HttpClients;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Provider {@code openai} of {@link TestGateways} behind its real resilience pipeline, calling a
 * real simulator over HTTP, with the test's clock and a seeded random.
 */
public final class PipelineFixture implements AutoCloseable {
  /** 34 prompt characters and max_tokens 64: an estimate of 9 + 64 = 73 tokens. */
  public static final ChatCall CALL = new ChatCall("gpt-4o",
      List.of(new ChatMessage("user", "Explain Kafka in one line, please.", null)), 64, null, null);

  public final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());
  public final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  public final ResilienceRegistries registries;
  public final ResiliencePipeline pipeline;
  public final GatewayConfig config;
  private final Clock clock;

  /**
   * @param keysYaml       {@link TestGateways#TWO_KEYS}, {@link TestGateways#ONE_KEY} or the like
   * @param resilienceYaml the openai provider's resilience fields, e.g. {@code "max_retries: 1"}
   * @param timeoutMs      the openai provider's timeout_ms
   */
  public PipelineFixture(String keysYaml, String resilienceYaml, long timeoutMs, Clock clock) {
    this.clock = clock;
    this.config = TestGateways.parse(TestGateways.openAi(sim.apiBaseUrl(), keysYaml, resilienceYaml)
        .replace("timeout_ms: 5000", "timeout_ms: " + timeoutMs));
    ProviderRegistry providers = new ProviderRegistry(config, ProviderSecrets.of(TestGateways.SECRETS),
        new ProviderAdapterFactory(HttpClients.shared(), clock));
    this.registries = new ResilienceRegistries(clock);
    this.pipeline = ResiliencePipeline.create("openai", providers.provider("openai"), providers.keys("openai"),
        registries, scheduler, clock, new Random(42));
  }

  public PipelineFixture(String keysYaml, String resilienceYaml) {
    this(keysYaml, resilienceYaml, 5_000, Clock.systemUTC());
  }

  public static TargetRequest request(Deadline deadline, List<String> keys) {
    RouteTarget target = new RouteTarget("openai", "gpt-4o", keys);
    return new TargetRequest(CALL, target, deadline, TokenEstimate.of(34, 64), List.of());
  }

  public TargetResult call(Deadline deadline) throws Exception {
    return await(pipeline.call(request(deadline, List.of())));
  }

  public TargetResult call() throws Exception {
    return call(Deadline.none());
  }

  public static TargetResult await(CompletableFuture<TargetResult> result) throws Exception {
    return result.get(30, TimeUnit.SECONDS);
  }

  public ProviderKey key(String keyId) {
    return pipeline.pool().keys().stream().filter(key -> key.keyId().equals(keyId)).findFirst().orElseThrow();
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    sim.close();
  }
}
