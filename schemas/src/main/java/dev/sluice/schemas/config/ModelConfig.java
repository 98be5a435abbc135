package dev.sluice.schemas.config;

import dev.sluice.schemas.money.Prices;
import java.math.BigDecimal;

/**
 * A model's prices in dollars per million tokens, as providers publish them.
 *
 * @param inputPerMillion dollars per million input tokens
 * @param outputPerMillion dollars per million output tokens
 * @param batchInputPerMillion through the provider's batch API; half of {@code input_per_million} when not given
 * @param batchOutputPerMillion through the provider's batch API; half of {@code output_per_million} when not given
 */
public record ModelConfig(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal batchInputPerMillion,
    BigDecimal batchOutputPerMillion) {
  private static final BigDecimal HALF = new BigDecimal("0.5");

  public Prices prices() {
    return Prices.ofDollarsPerMillion(inputPerMillion, outputPerMillion);
  }

  /** The batch API's prices: as configured, or half the realtime ones, as OpenAI and Anthropic charge. */
  public Prices batchPrices() {
    return Prices.ofDollarsPerMillion(
        batchInputPerMillion != null ? batchInputPerMillion : inputPerMillion.multiply(HALF),
        batchOutputPerMillion != null ? batchOutputPerMillion : outputPerMillion.multiply(HALF));
  }
}
