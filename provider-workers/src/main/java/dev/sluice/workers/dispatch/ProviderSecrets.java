package dev.sluice.workers.dispatch;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where provider API keys come from: environment variables named in gateway.yaml. Tests and the
 * embedded demo pass a map instead; nothing else ever sees a key.
 */
@FunctionalInterface
public interface ProviderSecrets {
  /** The value of the variable, or null when it is not set. */
  String lookup(String variable);

  static ProviderSecrets environment() {
    return System::getenv;
  }

  static ProviderSecrets of(Map<String, String> values) {
    return values::get;
  }

  /** This source, falling back to {@code fallback} for unset variables. */
  default ProviderSecrets orElse(UnaryOperator<String> fallback) {
    return variable -> {
      String value = lookup(variable);
      return value != null ? value : fallback.apply(variable);
    };
  }
}
