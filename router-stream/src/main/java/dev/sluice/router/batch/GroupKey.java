package dev.sluice.router.batch;

import dev.sluice.schemas.Lane;
import java.util.Objects;

/**
 * Which requests travel together: one lane, one provider and model (the first target), one org
 * (the budget root), so that no dispatch record, and no provider batch job made of one, mixes budget roots.
 */
public record GroupKey(Lane lane, String provider, String model, String org) {
  /** Separates the parts in {@link #text()}; none of them may hold it. */
  private static final char DELIMITER = '\u001f';

  public GroupKey {
    Objects.requireNonNull(lane, "lane");
    for (String part : new String[] {provider, model, org}) {
      if (part == null || part.indexOf(DELIMITER) >= 0 || part.indexOf('\u0000') >= 0) {
        throw new IllegalArgumentException("a group key part must be non-null without control characters U+0000 "
            + "or U+001F, but was '" + part + "'");
      }
    }
  }

  /** The key's prefix in the pending store. */
  public String text() {
    return lane.id() + DELIMITER + provider + DELIMITER + model + DELIMITER + org;
  }

  public static GroupKey parse(String text) {
    String[] parts = text.split(String.valueOf(DELIMITER), -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a group key: " + text.replace(DELIMITER, '/'));
    }
    return new GroupKey(Lane.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)), parts[1], parts[2], parts[3]);
  }
}
