package dev.sluice.schemas.config;

import java.util.List;
import java.util.Optional;

/**
 * One target of a route: a provider id and one of its models.
 *
 * @param weight the target's share under the {@code weighted} strategy (default 1)
 * @param keys ids of the provider's keys this target may use; empty means the whole pool
 */
public record RouteTargetConfig(String provider, String model, Integer weight, List<String> keys) {

  public RouteTargetConfig {
    weight = weight == null ? 1 : weight;
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  public RouteTargetConfig(String provider, String model) {
    this(provider, model, null, null);
  }

  /**
   * Reads {@code provider/model}, split at the first '/': provider ids have none, model names may
   * ({@code together/meta-llama/Llama-3-70b}). Says nothing of whether the target is configured;
   * see {@link GatewayConfig#isProviderModel(String)}.
   *
   * @return empty if {@code text} is null or has no '/' after a non-empty provider
   */
  public static Optional<RouteTargetConfig> parseProviderModel(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    return slash > 0
        ? Optional.of(new RouteTargetConfig(text.substring(0, slash), text.substring(slash + 1)))
        : Optional.empty();
  }
}
