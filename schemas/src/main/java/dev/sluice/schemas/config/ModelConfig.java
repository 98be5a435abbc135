package dev.sluice.schemas.config;

import dev.sluice.schemas.money.Prices;
import java.math.BigDecimal;

/**
 * A model's prices in dollars per million tokens, as providers publish them.
 *
 * @param inputPerMillion dollars per million input tokens
 * @param outputPerMillion dollars per million output tokens
 */
public record ModelConfig(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  public Prices prices() {
    return Prices.ofDollarsPerMillion(inputPerMillion, outputPerMillion);
  }
}
