package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.BudgetScope;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static final BudgetConfig THREE_CENTS_AND_A_BIT = new BudgetConfig("b", new BudgetScope("acme", null, null,
      null, null), "day", null, new BigDecimal("0.030001"), List.of(new BigDecimal("1.0"), new BigDecimal("0.5"),
      new BigDecimal("0.50")), null);

  @Test
  void aThresholdIsTheShareOfTheLimitRoundedUp() {
    assertThat(Thresholds.micros(new BigDecimal("0.5"), 30_001)).isEqualTo(15_001);
    assertThat(Thresholds.micros(new BigDecimal("0.8"), 10_000_000)).isEqualTo(8_000_000);
    assertThat(Thresholds.micros(BigDecimal.ONE, 0)).as("a zero limit alerts on the first charge").isEqualTo(1);
  }

  @Test
  void aChargeCrossesTheThresholdsBetweenItsSpendBeforeAndAfterLowestFirstEachOnce() {
    assertThat(Thresholds.crossed(THREE_CENTS_AND_A_BIT, 0, 15_000)).isEmpty();
    assertThat(Thresholds.crossed(THREE_CENTS_AND_A_BIT, 15_000, 15_001)).containsExactly(new BigDecimal("0.5"));
    assertThat(Thresholds.crossed(THREE_CENTS_AND_A_BIT, 15_001, 40_000)).containsExactly(new BigDecimal("1.0"));
    assertThat(Thresholds.crossed(THREE_CENTS_AND_A_BIT, 0, 30_001)).hasSize(2)
        .extracting(BigDecimal::toPlainString).containsExactly("0.5", "1.0");
  }

  @Test
  void anAlertIdIsTheStateKeyAndTheShareWithoutTrailingZeros() {
    assertThat(Thresholds.alertId("acme-daily@2026-11-21T00:00:00Z", new BigDecimal("0.80")))
        .isEqualTo("acme-daily@2026-11-21T00:00:00Z:0.8");
    assertThat(Thresholds.alertId("acme-daily@2026-11-21T00:00:00Z", new BigDecimal("1.0")))
        .isEqualTo("acme-daily@2026-11-21T00:00:00Z:1");
  }
}
