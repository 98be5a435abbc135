package dev.sluice.workers.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderEndpointTest {
  private static final String KEY = "sk-test-do-not-print-0123456789";

  @Test
  void neverPrintsTheKey() {
    ProviderEndpoint endpoint = new ProviderEndpoint("openai", "https://api.openai.com/v1", KEY, Duration.ofSeconds(30));

    assertThat(endpoint.toString())
        .doesNotContain(KEY)
        .isEqualTo("ProviderEndpoint[type=openai, baseUrl=https://api.openai.com/v1, apiKey=<redacted>, timeout=PT30S]");
  }

  @Test
  void dropsATrailingSlashAndTreatsABlankKeyAsNone() {
    ProviderEndpoint endpoint = new ProviderEndpoint("openai-compatible", "http://127.0.0.1:11434/v1/", " ", Duration.ofSeconds(5));

    assertThat(endpoint.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(endpoint.url("/chat/completions").toString()).isEqualTo("http://127.0.0.1:11434/v1/chat/completions");
    assertThat(endpoint.hasApiKey()).isFalse();
    assertThat(endpoint.toString()).contains("apiKey=<none>");
  }

  @Test
  void stripsATrailingNewlineAndRejectsAKeyNoHeaderCouldCarryWithoutShowingIt() {
    ProviderEndpoint fromFile = new ProviderEndpoint("anthropic", "https://x/v1", KEY + "\n", Duration.ofSeconds(1));

    assertThat(fromFile.apiKey()).isEqualTo(KEY);
    assertThatThrownBy(() -> new ProviderEndpoint("anthropic", "https://x/v1", "sk-ant\u00e9-secret", Duration.ofSeconds(1)))
        .hasMessage("apiKey of the anthropic endpoint must be printable ASCII without spaces; the value is not shown");
  }

  @Test
  void rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> new ProviderEndpoint("openai", "api.openai.com", null, Duration.ofSeconds(1)))
        .hasMessage("baseUrl must be an http or https URL, but was api.openai.com");
    assertThatThrownBy(() -> new ProviderEndpoint("openai", "https://x/v1", null, Duration.ZERO))
        .hasMessage("timeout must be > 0, but was PT0S");
  }
}
