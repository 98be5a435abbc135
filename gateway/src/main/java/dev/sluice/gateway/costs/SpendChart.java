package dev.sluice.gateway.costs;

import dev.sluice.schemas.money.MicroDollars;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG of {@link DailySpend}: one stacked bar per day, one colour per series, a legend with
 * each series' total. Every bar segment is a {@code rect} of class {@code segment} with a tooltip.
 */
public final class SpendChart {
  private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#17becf");
  private static final String OTHER_COLOUR = "#bab0ac";
  private static final int LEFT = 100;
  private static final int TOP = 16;
  private static final int PLOT_HEIGHT = 240;
  private static final int AXIS_HEIGHT = 32;
  private static final int LEGEND_ROW = 18;
  private static final int MIN_WIDTH = 480;
  private static final int GRID_LINES = 4;

  private SpendChart() {}

  public static String svg(DailySpend spend) {
    int days = Math.max(1, spend.days().size());
    int slot = Math.max(6, Math.min(40, 720 / days));
    int width = Math.max(MIN_WIDTH, LEFT + slot * days + 24);
    int legendTop = TOP + PLOT_HEIGHT + AXIS_HEIGHT;
    int height = legendTop + LEGEND_ROW * spend.series().size() + 8;
    String by = spend.dimension() == null ? "" : " by " + spend.dimension().label();
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n")
        .append("<title>").append(Html.escape("Spend per day" + by)).append("</title>\n");
    long max = axisMax(spend.maxDayTotal());
    if (max <= 0) {
      svg.append(text(LEFT, TOP + PLOT_HEIGHT / 2, "start", "No spend in this period."));
    } else {
      grid(svg, max, LEFT + slot * days);
      bars(svg, spend, slot, max);
    }
    dayLabels(svg, spend.days(), slot);
    legend(svg, spend, legendTop);
    return svg.append("</svg>\n").toString();
  }

  private static void grid(StringBuilder svg, long max, int right) {
    for (int k = 0; k <= GRID_LINES; k++) {
      double y = TOP + PLOT_HEIGHT - (double) PLOT_HEIGHT * k / GRID_LINES;
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(right).append("\" y1=\"").append(number(y))
          .append("\" y2=\"").append(number(y)).append("\" stroke=\"").append(k == 0 ? "#888" : "#e4e4e4").append("\"/>\n");
      String label = "$" + BigDecimal.valueOf(max / GRID_LINES * k, 6).stripTrailingZeros().toPlainString();
      svg.append(text(LEFT - 6, y + 4, "end", label));
    }
  }

  /** The smallest multiple of {@value #GRID_LINES} round steps (1, 2, 2.5 or 5 times a power of ten) that holds {@code top}. */
  static long axisMax(long top) {
    if (top <= 0) {
      return 0;
    }
    double rawStep = (double) top / GRID_LINES;
    long power = 1;
    while (power * 10 <= rawStep) {
      power *= 10;
    }
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      long step = (long) Math.ceil(power * factor);
      if (step * GRID_LINES >= top) {
        return step * GRID_LINES;
      }
    }
    return power * 10 * GRID_LINES;
  }

  private static void bars(StringBuilder svg, DailySpend spend, int slot, long max) {
    double barWidth = Math.max(2, slot * 0.75);
    for (int i = 0; i < spend.days().size(); i++) {
      LocalDate day = spend.days().get(i);
      double x = LEFT + i * slot + (slot - barWidth) / 2;
      double base = TOP + PLOT_HEIGHT;
      for (int s = 0; s < spend.series().size(); s++) {
        String name = spend.series().get(s);
        long cost = spend.cost(day, name);
        if (cost <= 0) {
          continue;
        }
        double barHeight = (double) PLOT_HEIGHT * cost / max;
        base -= barHeight;
        svg.append("<rect class=\"segment\" x=\"").append(number(x)).append("\" y=\"").append(number(base))
            .append("\" width=\"").append(number(barWidth)).append("\" height=\"").append(number(barHeight))
            .append("\" fill=\"").append(colour(spend, s)).append("\"><title>")
            .append(Html.escape(day + " " + name + ": " + MicroDollars.format(cost))).append("</title></rect>\n");
      }
    }
  }

  private static void dayLabels(StringBuilder svg, List<LocalDate> days, int slot) {
    int every = (int) Math.ceil(44.0 / slot);
    for (int i = 0; i < days.size(); i += every) {
      svg.append(text(LEFT + i * slot + slot / 2.0, TOP + PLOT_HEIGHT + 16, "middle", days.get(i).toString().substring(5)));
    }
  }

  private static void legend(StringBuilder svg, DailySpend spend, int top) {
    for (int s = 0; s < spend.series().size(); s++) {
      String name = spend.series().get(s);
      int y = top + s * LEGEND_ROW;
      svg.append("<rect class=\"swatch\" x=\"").append(LEFT).append("\" y=\"").append(y)
          .append("\" width=\"10\" height=\"10\" fill=\"").append(colour(spend, s)).append("\"/>\n");
      svg.append(text(LEFT + 16, y + 9, "start", name + "  " + MicroDollars.format(spend.seriesTotal(name))));
    }
  }

  private static String colour(DailySpend spend, int series) {
    boolean other = DailySpend.OTHER.equals(spend.series().get(series)) && series == spend.series().size() - 1
        && spend.series().size() > DailySpend.MAX_SERIES;
    return other ? OTHER_COLOUR : PALETTE.get(series % PALETTE.size());
  }

  private static String text(double x, double y, String anchor, String content) {
    return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">"
        + Html.escape(content) + "</text>\n";
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
