package dev.sluice.workers.provider;

import static dev.sluice.workers.provider.Calls.failureOf;
import static dev.sluice.workers.provider.Calls.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultKind;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every simulated fault, through each real adapter, becomes the right {@link ProviderException}. */
class ProviderFaultMappingTest {
  private static final String KEY = "sk-test-fault-mapping-key-1234";
  /** Short, so that a hanging provider fails the call quickly; nothing here asserts on it. */
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final ChatCall CALL = new ChatCall("model-x", List.of(message("user", "Hi")), 50, null, null);

  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @BeforeEach
  void reset() {
    sim.resetCalls();
  }

  private static ProviderAdapter adapter(String type, String baseUrl) {
    return new ProviderAdapterFactory().create(new ProviderEndpoint(type, baseUrl, KEY, TIMEOUT));
  }

  private static String pathOf(String type) {
    return type.equals("anthropic") ? ProviderSimulator.ANTHROPIC_MESSAGES_PATH : ProviderSimulator.OPENAI_CHAT_PATH;
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("openai", Fault.status(500), 500, "server_error", true),
        Arguments.of("openai", Fault.status(503), 503, "server_error", true),
        Arguments.of("openai", Fault.status(400), 400, "invalid_request_error", false),
        Arguments.of("openai", Fault.status(401), 401, "invalid_api_key", false),
        Arguments.of("openai", Fault.rateLimited(3), 429, "rate_limit_exceeded", true),
        Arguments.of("anthropic", Fault.status(500), 500, "api_error", true),
        Arguments.of("anthropic", Fault.status(529), 529, "overloaded_error", true),
        Arguments.of("anthropic", Fault.status(400), 400, "invalid_request_error", false),
        Arguments.of("anthropic", Fault.status(403), 403, "permission_error", false),
        Arguments.of("anthropic", Fault.rateLimited(3), 429, "rate_limit_error", true),
        Arguments.of("openai", Fault.malformedJson(), 200, "malformed_response", true),
        Arguments.of("anthropic", Fault.malformedJson(), 200, "malformed_response", true),
        Arguments.of("openai", Fault.cutJson(), 200, "malformed_response", true),
        Arguments.of("anthropic", Fault.cutJson(), 200, "malformed_response", true),
        Arguments.of("openai", Fault.truncatedBody(), 200, "truncated_response", true),
        Arguments.of("anthropic", Fault.truncatedBody(), 200, "truncated_response", true),
        Arguments.of("openai", Fault.disconnect(), 0, "connection_error", true),
        Arguments.of("anthropic", Fault.disconnect(), 0, "connection_error", true),
        Arguments.of("openai", Fault.hang(), 0, "timeout", true),
        Arguments.of("anthropic", Fault.hang(), 0, "timeout", true));
  }

  @ParameterizedTest(name = "{0} {1} -> HTTP {2} {3}, retryable {4}")
  @MethodSource("faults")
  void mapsEachFault(String type, Fault fault, int status, String errorType, boolean retryable) throws Exception {
    ProviderAdapter adapter = adapter(type, sim.apiBaseUrl());
    sim.behaviour(SimulatorBehaviour.normal().withFaults(pathOf(type), FaultPlan.sequence(Fault.none()).thenRandom(fault, 1.0)));
    // A first good call leaves a pooled connection: the case where OkHttp would silently retry.
    Calls.await(adapter.complete(CALL));
    sim.resetCalls();

    ProviderException error = failureOf(adapter.complete(CALL));

    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.errorType()).isEqualTo(errorType);
    assertThat(error.retryable()).isEqualTo(retryable);
    assertThat(error.retryAfter()).isEqualTo(fault.kind() == FaultKind.RATE_LIMITED
        ? Optional.of(Duration.ofSeconds(3)) : Optional.empty());
    assertThat(error.getMessage()).doesNotContain(KEY);
    // No silent transport retry: exactly one provider call per adapter call.
    assertThat(sim.calls(pathOf(type))).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aClosedPortIsARetryableRefusal(String type) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    ProviderException error = failureOf(adapter(type, "http://127.0.0.1:" + closedPort + "/v1").complete(CALL));

    assertThat(error.httpStatus()).isEqualTo(ProviderException.NO_HTTP_STATUS);
    assertThat(error.errorType()).isEqualTo("connection_refused");
    assertThat(error.retryable()).isTrue();
  }
}
