package dev.sluice.workers.provider.openai;

import static dev.sluice.workers.provider.Calls.await;
import static dev.sluice.workers.provider.Calls.failureOf;
import static dev.sluice.workers.provider.Calls.message;
import static dev.sluice.workers.simulator.Tokenizers.O200K;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderAdapter;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatAdapterTest {
  private static final ProviderAdapterFactory FACTORY = new ProviderAdapterFactory();
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @BeforeEach
  void resetCalls() {
    sim.resetCalls();
  }

  private static ProviderAdapter adapter(String type, String apiKey) {
    return FACTORY.create(new ProviderEndpoint(type, sim.apiBaseUrl(), apiKey, Duration.ofSeconds(10)));
  }

  @Test
  void roundTripsAChatCompletion() throws Exception {
    ChatCall call = new ChatCall("gpt-4o-mini",
        List.of(message("system", "You are terse."), message("user", "What is Kafka?")), 100, 0.3, "{\"seed\":1}");

    ChatCompletion completion = await(adapter("openai", "sk-test-key").complete(call));

    int expectedPrompt = 3 + (3 + O200K.countTokens("system") + O200K.countTokens("You are terse."))
        + (3 + O200K.countTokens("user") + O200K.countTokens("What is Kafka?"));
    String expectedContent = "This is a simulated reply from gpt-4o-mini to: What is Kafka?";
    assertThat(completion).isEqualTo(new ChatCompletion(expectedContent, "stop", expectedPrompt,
        O200K.countTokens(expectedContent), 200, "gpt-4o-mini"));
    assertThat(sim.calls(ProviderSimulator.OPENAI_CHAT_PATH)).isEqualTo(1);
  }

  @Test
  void reportsACompletionCutAtTheLimitAsTruncated() throws Exception {
    ChatCall call = new ChatCall("gpt-4o-mini", List.of(message("user", "Hello")), 4, null, null);

    ChatCompletion completion = await(adapter("openai-compatible", "k").complete(call));

    assertThat(completion.content()).isEqualTo("This is a simulated");
    assertThat(completion.finishReason()).isEqualTo("length");
    assertThat(completion.truncated()).isTrue();
    assertThat(completion.outputTokens()).isEqualTo(4);
    assertThat(completion.inputTokens()).isEqualTo(8);
  }

  @Test
  void sendsNoAuthorizationWithoutAKeySoTheSimulatorRefusesIt() throws Exception {
    ProviderException error = failureOf(adapter("openai-compatible", null)
        .complete(ChatCall.of("m", List.of(message("user", "Hi")))));

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.retryable()).isFalse();
    assertThat(error.errorType()).isEqualTo("invalid_request_error");
    assertThat(error.getMessage()).startsWith("HTTP 401 invalid_request_error: You didn't provide an API key");
  }

  @Test
  void surfacesTheProvidersValidationErrorAsFinal() throws Exception {
    ChatCall call = new ChatCall("m", List.of(message("robot", "Hi")), null, null, null);

    ProviderException error = failureOf(adapter("openai", "k").complete(call));

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.retryable()).isFalse();
    assertThat(error.errorType()).isEqualTo("invalid_value");
  }
}
