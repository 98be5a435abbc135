package dev.sluice.schemas.money;

import java.math.BigDecimal;

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

  /** Dollars with six decimals, e.g. {@code $0.000125}; a negative amount as {@code -$0.000125}. */
  public static String format(long micros) {
    return (micros < 0 ? "-$" : "$") + toDollars(Math.abs(micros));
  }

  /** Dollars with six decimals and no currency sign, e.g. {@code 0.000125}: for CSV and for YAML limits. */
  public static String toDollars(long micros) {
    return BigDecimal.valueOf(micros, 6).toPlainString();
  }
}
