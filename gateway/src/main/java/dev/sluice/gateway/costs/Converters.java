package dev.sluice.gateway.costs;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters of {@code sluice costs} and {@code sluice budgets}; each message names the value. */
public final class Converters {
  private Converters() {}

  public static final class DimensionConverter implements ITypeConverter<Dimension> {
    @Override
    public Dimension convert(String value) {
      try {
        return Dimension.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  public static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.trim());
      } catch (DateTimeException e) {
        throw new TypeConversionException("'" + value + "' is not a date like 2026-03-01");
      }
    }
  }

  public static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value.trim());
      } catch (DateTimeException e) {
        throw new TypeConversionException("'" + value + "' is not a time zone like UTC or Europe/Berlin");
      }
    }
  }

  /** table, csv or html. */
  public static final class CostFormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return format(value, EnumSet.allOf(OutputFormat.class));
    }
  }

  /** table or csv. */
  public static final class BudgetFormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return format(value, EnumSet.of(OutputFormat.TABLE, OutputFormat.CSV));
    }
  }

  private static OutputFormat format(String value, EnumSet<OutputFormat> allowed) {
    try {
      return OutputFormat.of(value, allowed);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
