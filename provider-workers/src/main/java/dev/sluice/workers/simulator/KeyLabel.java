package dev.sluice.workers.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the simulator names an API key where it shows keys (call counters, toString): the first 12
 * hex digits of the key's SHA-256, as {@code printf %s "$KEY" | sha256sum | cut -c1-12} prints
 * them, so that no part of a key is ever shown. Calls without a key are {@value #NONE}.
 */
public final class KeyLabel {

  public static final String NONE = "none";
  private static final int HEX_DIGITS = 12;

  private KeyLabel() {}

  /** @param apiKey the key as sent, or null */
  public static String of(String apiKey) {
    if (apiKey == null) {
      return NONE;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
