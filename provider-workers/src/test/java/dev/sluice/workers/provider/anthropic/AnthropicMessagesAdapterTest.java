package dev.sluice.workers.provider.anthropic;

import static dev.sluice.workers.provider.Calls.await;
import static dev.sluice.workers.provider.Calls.failureOf;
import static dev.sluice.workers.provider.Calls.message;
import static dev.sluice.workers.simulator.Tokenizers.CL100K;
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
import org.junit.jupiter.api.Test;

class AnthropicMessagesAdapterTest {
  private static final String KEY = "sk-ant-test-key-0000";
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  private static ProviderAdapter adapter(String apiKey) {
    return new ProviderAdapterFactory().create(
        new ProviderEndpoint("anthropic", sim.apiBaseUrl(), apiKey, Duration.ofSeconds(10)));
  }

  @Test
  void roundTripsWithTheSystemPromptMovedToTheTop() throws Exception {
    // The simulator, like the real API, answers 400 to a system role inside messages.
    ChatCall call = ChatCall.of("claude-sonnet-4-5", List.of(
        message("system", "Be brief."), message("user", "Hi"), message("user", "Name a log")));

    ChatCompletion completion = await(adapter(KEY).complete(call));

    String expectedText = "This is a simulated reply from claude-sonnet-4-5 to: Hi\n\nName a log";
    int expectedInput = CL100K.countTokens("Be brief.") + 3 + CL100K.countTokens("Hi\n\nName a log");
    assertThat(completion).isEqualTo(new ChatCompletion(expectedText, "stop", expectedInput,
        CL100K.countTokens(expectedText), 200, "claude-sonnet-4-5"));
  }

  @Test
  void reportsStopReasonMaxTokensAsATruncatedLength() throws Exception {
    ChatCall call = new ChatCall("claude-haiku", List.of(message("user", "Hi")), 3, null, null);

    ChatCompletion completion = await(adapter(KEY).complete(call));

    assertThat(completion.content()).isEqualTo("This is a");
    assertThat(completion.finishReason()).isEqualTo("length");
    assertThat(completion.truncated()).isTrue();
    assertThat(completion.outputTokens()).isEqualTo(3);
  }

  @Test
  void aMissingKeyIsAFinalAuthenticationError() throws Exception {
    ProviderException error = failureOf(adapter(null).complete(ChatCall.of("c", List.of(message("user", "Hi")))));

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.retryable()).isFalse();
    assertThat(error.errorType()).isEqualTo("authentication_error");
    assertThat(error.getMessage()).isEqualTo("HTTP 401 authentication_error: x-api-key header is required");
  }
}
