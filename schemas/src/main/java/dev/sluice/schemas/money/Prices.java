package dev.sluice.schemas.money;

import dev.sluice.schemas.avro.PriceBasis;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Token prices in micro-dollars per million tokens. A cost is rounded half-up to a whole
 * micro-dollar once per request, so repeated charges never drift.
 */
public record Prices(long inputMicrosPerMillion, long outputMicrosPerMillion) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public Prices {
    if (inputMicrosPerMillion < 0 || outputMicrosPerMillion < 0) {
      throw new IllegalArgumentException("prices must be >= 0, but were input="
          + inputMicrosPerMillion + " output=" + outputMicrosPerMillion + " micro-dollars per million tokens");
    }
  }

  /** From dollars per million tokens, as written in gateway.yaml (e.g. 2.50). */
  public static Prices ofDollarsPerMillion(BigDecimal input, BigDecimal output) {
    return new Prices(MicroDollars.fromDollars(input), MicroDollars.fromDollars(output));
  }

  /** Cost of the given usage in micro-dollars. */
  public long costMicros(long inputTokens, long outputTokens) {
    BigDecimal total = BigDecimal.valueOf(inputTokens).multiply(BigDecimal.valueOf(inputMicrosPerMillion))
        .add(BigDecimal.valueOf(outputTokens).multiply(BigDecimal.valueOf(outputMicrosPerMillion)));
    return total.divide(MILLION, 0, RoundingMode.HALF_UP).longValueExact();
  }

  public PriceBasis toBasis(String mode) {
    return PriceBasis.newBuilder().setMode(mode).setInputMicrosPerMillion(inputMicrosPerMillion)
        .setOutputMicrosPerMillion(outputMicrosPerMillion).build();
  }
}
