package dev.sluice.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header of a webhook POST: {@code sha256=} and the lower-case hex HMAC-SHA256
 * of the exact body bytes, keyed with the budget's secret (UTF-8). A receiver recomputes it over
 * the bytes it received and compares in constant time.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Sluice-Signature";
  public static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  public static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // Every JDK ships HmacSHA256; without it nothing could be signed at all.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
