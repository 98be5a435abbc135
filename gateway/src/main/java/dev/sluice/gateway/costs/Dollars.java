package dev.sluice.gateway.costs;

import dev.sluice.schemas.money.MicroDollars;
import java.math.BigDecimal;

/** Micro-dollar amounts as text. */
public final class Dollars {
  private Dollars() {}

  /** {@code $0.000125}; a negative amount as {@code -$0.000125}. */
  public static String format(long micros) {
    return micros < 0 ? "-" + MicroDollars.format(Math.negateExact(micros)) : MicroDollars.format(micros);
  }

  /** {@code 0.000125}: dollars with six decimals and no currency sign, for CSV. */
  public static String plain(long micros) {
    return BigDecimal.valueOf(micros, 6).toPlainString();
  }
}
