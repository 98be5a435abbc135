package dev.sluice.workers.dispatch;

import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.util.Map;

/** gateway.yaml texts for resilience tests: one OpenAI-shaped provider with a key pool and settings of the test's choosing. */
public final class TestGateways {
  /** Values of the variables {@link #TWO_KEYS} names; the simulator accepts any key. */
  public static final Map<String, String> SECRETS = Map.of("KEY_A", "sim-key-a", "KEY_B", "sim-key-b", "KEY_C", "sim-key-c");
  public static final String KEY_A = "sim-key-a";
  public static final String KEY_B = "sim-key-b";

  /** Keys a and b, weight 1 each. */
  public static final String TWO_KEYS = """
      keys:
        - {id: a, api_key_env: KEY_A}
        - {id: b, api_key_env: KEY_B}
      """;
  /** One key. */
  public static final String ONE_KEY = "api_key_env: KEY_A\n";

  private TestGateways() {}

  /**
   * Provider {@code openai} (model gpt-4o at $2.50/$10.00) and provider {@code backup} (model
   * gpt-4o-mini), both at {@code baseUrl}; route {@code smart} tries openai then backup.
   *
   * @param keysYaml       the openai provider's key lines, e.g. {@link #TWO_KEYS}
   * @param resilienceYaml the openai provider's resilience fields as a flow map body, e.g.
   *                       {@code "max_retries: 2, backoff_initial_ms: 1"}
   */
  public static String openAi(String baseUrl, String keysYaml, String resilienceYaml) {
    return """
        providers:
          openai:
            type: openai
            base_url: %s
            timeout_ms: 5000
            resilience: {%s}
        %s
            models:
              gpt-4o: {input_per_million: 2.50, output_per_million: 10.00}
          backup:
            type: openai-compatible
            base_url: %s
            api_key_env: KEY_C
            models:
              gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.60}
        routes:
          smart:
            targets:
              - {provider: openai, model: gpt-4o}
              - {provider: backup, model: gpt-4o-mini}
        """.formatted(baseUrl, resilienceYaml, keysYaml.indent(4).stripTrailing(), baseUrl);
  }

  public static GatewayConfig parse(String yaml) {
    return GatewayConfigLoader.parse(yaml, "test-gateway.yaml");
  }
}
