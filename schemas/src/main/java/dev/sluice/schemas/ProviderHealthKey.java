package dev.sluice.schemas;

/** The key of a provider key's record on {@link TopicNames#PROVIDER_HEALTH}, and the name of its resilience instances. */
public final class ProviderHealthKey {
  private ProviderHealthKey() {}

  /** {@code <provider>/<key id>}, e.g. {@code openai/primary}. */
  public static String of(String provider, String keyId) {
    return provider + "/" + keyId;
  }
}
