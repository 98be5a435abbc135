package dev.sluice.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12.2 refuses to instantiate classes outside a trusted list while decoding. Our
 * generated records live in {@code dev.sluice}, so we add that package once, in code, instead
 * of relying on every JVM being started with {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}.
 */
final class AvroTrust {
  private static final String OUR_PACKAGE = "dev.sluice.";
  private static boolean installed;

  private AvroTrust() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityPredicate ours = type -> type.getName().startsWith(OUR_PACKAGE);
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    installed = true;
  }
}
