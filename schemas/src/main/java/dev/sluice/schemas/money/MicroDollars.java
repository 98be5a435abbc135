package dev.sluice.schemas.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is a {@code long} count of micro-dollars: 1,000,000 = 1 USD. */
public final class MicroDollars {
  private static final BigDecimal PER_DOLLAR = BigDecimal.valueOf(1_000_000);

  private MicroDollars() {}

  /** Exact conversion; more than six decimals is an error, not a silent rounding. */
  public static long fromDollars(BigDecimal dollars) {
    BigDecimal micros = dollars.multiply(PER_DOLLAR);
    if (micros.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "amount " + dollars.toPlainString() + " has more than 6 decimals (finer than a micro-dollar)");
    }
    return micros.longValueExact();
  }

  /** Dollars with six decimals, e.g. {@code $0.000125}. */
  public static String format(long micros) {
    return "$" + BigDecimal.valueOf(micros).divide(PER_DOLLAR, 6, RoundingMode.UNNECESSARY).toPlainString();
  }
}
