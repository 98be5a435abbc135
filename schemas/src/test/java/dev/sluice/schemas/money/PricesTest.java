package dev.sluice.schemas.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricesTest {
  @Test
  void costIsUsageTimesPriceInMicroDollars() {
    Prices gpt4o = Prices.ofDollarsPerMillion(new BigDecimal("2.50"), new BigDecimal("10.00"));
    // 1,200 x $2.50/M = $0.003 ; 300 x $10/M = $0.003
    assertThat(gpt4o.costMicros(1_200, 300)).isEqualTo(6_000);
  }

  @Test
  void roundsHalfUpOncePerRequest() {
    Prices mini = Prices.ofDollarsPerMillion(new BigDecimal("0.15"), new BigDecimal("0.60"));
    // 7 x 0.15 = 1.05 micros, 3 x 0.60 = 1.8 micros: 2.85 -> 3
    assertThat(mini.costMicros(7, 3)).isEqualTo(3);
    assertThat(mini.costMicros(3, 0)).isEqualTo(0); // 0.45 -> 0
  }

  @Test
  void formatsDollars() {
    assertThat(MicroDollars.format(6_000)).isEqualTo("$0.006000");
    assertThat(MicroDollars.format(12_345_678)).isEqualTo("$12.345678");
    assertThat(MicroDollars.format(-125)).isEqualTo("-$0.000125");
    assertThat(MicroDollars.toDollars(850)).isEqualTo("0.000850");
  }

  @Test
  void rejectsNegativePrices() {
    assertThatThrownBy(() -> new Prices(-1, 0)).hasMessageContaining("input=-1");
  }
}
