package dev.sluice.workers.provider;

import static dev.sluice.workers.provider.Calls.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A call whose future is ended from outside (as a time limit ends it) stops holding its connection. */
class CancellationTest {
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void failingTheFutureCancelsTheHttpCall(String type) {
    sim.behaviour(SimulatorBehaviour.normal()
        .withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultPlan.always(Fault.hang()))
        .withFaults(ProviderSimulator.ANTHROPIC_MESSAGES_PATH, FaultPlan.always(Fault.hang())));
    OkHttpClient client = HttpClients.newSharedClient();
    ProviderAdapter adapter = new ProviderAdapterFactory(client)
        .create(new ProviderEndpoint(type, sim.apiBaseUrl(), "sim-key", Duration.ofMinutes(1)));

    CompletableFuture<ChatCompletion> call = adapter.complete(ChatCall.of("m", List.of(message("user", "Hi"))));
    await().until(() -> client.dispatcher().runningCallsCount() == 1);
    call.completeExceptionally(new TimeoutException("time limit"));

    await().until(() -> client.dispatcher().runningCallsCount() == 0);
    assertThat(call).isCompletedExceptionally();
  }
}
