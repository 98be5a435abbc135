package dev.sluice.workers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
  @Test
  void aMissingApiKeyVariableStopsTheStartNamingProviderAndVariable() {
    ProviderSecrets onlyOpenAi = ProviderSecrets.of(Map.of("OPENAI_API_KEY", "sk-x"));

    assertThatThrownBy(() -> new ProviderRegistry(TestConfigs.testGateway(), onlyOpenAi, new ProviderAdapterFactory()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("provider 'anthropic' key 'default' needs its API key in the environment variable ANTHROPIC_API_KEY,"
            + " which is not set");
  }

  @Test
  void fallbackSecretsFillUnsetVariables() {
    ProviderSecrets secrets = ProviderSecrets.of(Map.of("OPENAI_API_KEY", "sk-x")).orElse(variable -> "sim-" + variable);

    assertThat(secrets.lookup("OPENAI_API_KEY")).isEqualTo("sk-x");
    assertThat(secrets.lookup("ANTHROPIC_API_KEY")).isEqualTo("sim-ANTHROPIC_API_KEY");
  }

  @Test
  void knowsPricesAndRejectsUnknownProviders() {
    ProviderRegistry registry = new ProviderRegistry(TestConfigs.testGateway(), ProviderSecrets.of(TestConfigs.PROVIDER_KEYS),
        new ProviderAdapterFactory());

    assertThat(registry.prices("anthropic", "claude-sonnet-4").outputMicrosPerMillion()).isEqualTo(15_000_000);
    assertThat(registry.keys("openai")).extracting(key -> key.config().id()).containsExactly("default");
    assertThatThrownBy(() -> registry.keys("mistral")).hasMessageContaining("provider 'mistral' is not configured");
  }

  @Test
  void buildsOneAdapterPerKeyOfAPoolAndNamesTheKeyWhoseVariableIsUnset() {
    GatewayConfig pooled = TestGateways.parse(TestGateways.openAi("http://127.0.0.1:1/v1", TestGateways.TWO_KEYS, ""));

    ProviderRegistry registry = new ProviderRegistry(pooled, ProviderSecrets.of(TestGateways.SECRETS), new ProviderAdapterFactory());

    assertThat(registry.keys("openai")).extracting(key -> key.config().id()).containsExactly("a", "b");
    assertThatThrownBy(() -> new ProviderRegistry(pooled, ProviderSecrets.of(Map.of("KEY_A", "sim-a", "KEY_C", "sim-c")), new ProviderAdapterFactory()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("provider 'openai' key 'b' needs its API key in the environment variable KEY_B, which is not set")
        .hasMessageNotContaining("sim-a");
  }
}
