package dev.sluice.workers.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.workers.provider.anthropic.AnthropicMessagesAdapter;
import dev.sluice.workers.provider.openai.OpenAiChatAdapter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderAdapterFactoryTest {
  private final ProviderAdapterFactory factory = new ProviderAdapterFactory();

  private static ProviderEndpoint endpoint(String type) {
    return new ProviderEndpoint(type, "http://127.0.0.1:1/v1", "secret-key", Duration.ofSeconds(1));
  }

  @Test
  void choosesTheAdapterByType() {
    assertThat(factory.create(endpoint("openai"))).isInstanceOf(OpenAiChatAdapter.class);
    assertThat(factory.create(endpoint("openai-compatible"))).isInstanceOf(OpenAiChatAdapter.class);
    assertThat(factory.create(endpoint("Anthropic"))).isInstanceOf(AnthropicMessagesAdapter.class);
  }

  @Test
  void rejectsAnUnknownTypeNamingItAndTheAllowedOnes() {
    assertThatThrownBy(() -> factory.create(endpoint("gemini")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("provider type must be one of [openai, openai-compatible, anthropic], but was 'gemini'");
  }

  @Test
  void sharesOneClientWithRoomForManyConcurrentCalls() {
    assertThat(HttpClients.shared()).isSameAs(HttpClients.shared());
    assertThat(HttpClients.shared().dispatcher().getMaxRequestsPerHost()).isEqualTo(512);
    assertThat(HttpClients.shared().retryOnConnectionFailure()).isFalse();
    assertThat(HttpClients.forEndpoint(HttpClients.shared(), Duration.ofSeconds(42)).callTimeoutMillis()).isEqualTo(42_000);
    assertThat(HttpClients.forEndpoint(HttpClients.shared(), Duration.ofSeconds(42)).dispatcher())
        .isSameAs(HttpClients.shared().dispatcher());
  }
}
