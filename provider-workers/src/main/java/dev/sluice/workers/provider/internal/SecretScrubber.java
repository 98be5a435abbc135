package dev.sluice.workers.provider.internal;

import java.util.regex.Pattern;

/**
 * Removes keys from provider-supplied text before it reaches an exception message or a log.
 * Providers echo keys back, partly masked, in authentication errors ("Incorrect API key provided:
 * sk-proj-****abcd"), so both the exact key and anything shaped like one are removed.
 */
public final class SecretScrubber {

  static final String REDACTED = "[redacted]";
  static final int MAX_LENGTH = 500;

  private static final Pattern KEY_SHAPED = Pattern.compile("sk-[A-Za-z0-9_*\\-]{6,}");

  private final String apiKey;

  /** @param apiKey the key to remove, or null */
  public SecretScrubber(String apiKey) {
    this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
  }

  /** The text without keys, cut to {@value #MAX_LENGTH} characters; null stays null. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String clean = apiKey == null ? text : text.replace(apiKey, REDACTED);
    clean = KEY_SHAPED.matcher(clean).replaceAll(REDACTED);
    return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH) + "...";
  }
}
