package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheUnitsPeopleWrite() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void rejectsZeroAndUnknownUnits() {
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class)
        .hasMessage("duration must be > 0, but was '0s'");
    assertThatThrownBy(() -> converter.convert("10 days")).isInstanceOf(TypeConversionException.class);
  }
}
