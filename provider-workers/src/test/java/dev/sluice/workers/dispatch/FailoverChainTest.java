package dev.sluice.workers.dispatch;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request's way across two targets, caller and settler together: every attempt listed, every billed one charged once. */
class FailoverChainTest {
  private final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final GatewayConfig config = TestGateways.parse(TestGateways.openAi(sim.apiBaseUrl(), TestGateways.TWO_KEYS,
      "max_retries: 2, backoff_initial_ms: 1, backoff_max_ms: 5"));
  private final ProviderRegistry providers =
      new ProviderRegistry(config, ProviderSecrets.of(TestGateways.SECRETS), new ProviderAdapterFactory());
  private final TargetCaller caller = new TargetCaller(
      new ProviderPipelines(providers, Set.of("openai", "backup"), scheduler, Clock.systemUTC(), new Random(5)),
      config, Clock.systemUTC());
  private final OutcomeSettler settler = new OutcomeSettler(providers, Clock.systemUTC());

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    sim.close();
  }

  private static DispatchItem smart(String requestId) {
    return DispatchItem.newBuilder(DispatchItems.smart(requestId))
        .setTargets(List.of(new RouteTarget("openai", "gpt-4o", List.of()), new RouteTarget("backup", "gpt-4o-mini", List.of())))
        .build();
  }

  private Settlement settle(DispatchItem item) throws Exception {
    return settler.settle(caller.call(item).get(30, TimeUnit.SECONDS));
  }

  @Test
  void theReplyListsTheAttemptsOfEveryTargetAndChargesTheBilledOne() throws Exception {
    SimulatorBehaviour failing = SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.status(503)));
    sim.behaviour(SimulatorBehaviour.normal().withKey(TestGateways.KEY_A, failing).withKey(TestGateways.KEY_B, failing));

    Settlement.Failover hop = (Settlement.Failover) settle(smart("r-9"));
    Settlement.Terminal done = (Settlement.Terminal) settle(hop.batch().getItems().getFirst());

    assertThat(hop.providerId()).isEqualTo("backup");
    assertThat(done.reply().getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(done.reply().getAttempts()).extracting(Attempt::getProvider, Attempt::getRetry, Attempt::getHttpStatus, Attempt::getBilled)
        .containsExactly(tuple("openai", 0, 503, false), tuple("openai", 1, 503, false), tuple("openai", 2, 503, false),
            tuple("backup", 0, 200, true));
    assertThat(done.ledgerEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.getEntryId()).isEqualTo("r-9:4");
      assertThat(entry.getProvider()).isEqualTo("backup");
      assertThat(entry.getCostMicros()).isPositive().isEqualTo(done.reply().getCostMicros());
    });
    assertThat(sim.counters().withKey("sim-key-c")).isEqualTo(1);
    assertThat(sim.counters().withStatus(503)).isEqualTo(3);
  }

  @Test
  void aRequestPastItsDeadlineIsNotCalledAndEndsInDeadlineExceeded() throws Exception {
    DispatchItem late = DispatchItem.newBuilder(smart("r-10")).setDeadline(Instant.now().minusSeconds(1)).build();

    Settlement.Terminal done = (Settlement.Terminal) settle(late);

    assertThat(done.reply().getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(done.reply().getAttempts()).isEmpty();
    assertThat(sim.counters().total()).isZero();
  }

  @Test
  void aRequestWhoseDeadlinePassesDuringItsRetriesEndsInDeadlineExceededListingItsAttempts() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.hang())));
    DispatchItem soon = DispatchItem.newBuilder(smart("r-11")).setDeadline(Instant.now().plusMillis(300)).build();

    Settlement.Terminal done = (Settlement.Terminal) settle(soon);

    assertThat(done.reply().getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(done.reply().getAttempts()).extracting(Attempt::getErrorType).containsExactly("deadline_exceeded");
    assertThat(sim.counters().total()).isEqualTo(1);
  }
}
