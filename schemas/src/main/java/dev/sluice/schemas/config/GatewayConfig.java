package dev.sluice.schemas.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of gateway.yaml, validated. Build it with {@link GatewayConfigLoader}.
 *
 * @param limits request limits enforced at intake
 * @param providers provider id to provider (the id names the dispatch topic)
 * @param routes route alias to its ordered targets
 * @param keys virtual keys, by the SHA-256 of their secret
 * @param dedupe how long request ids are remembered
 * @param budgets spending limits per scope and period
 * @param cache the cache defaults, with the built-in ones filled in; routes may override them
 * @param batching lanes' grouping and provider batch jobs, with the built-in defaults filled in
 */
public record GatewayConfig(
    Limits limits,
    Map<String, ProviderConfig> providers,
    Map<String, RouteConfig> routes,
    List<VirtualKeyConfig> keys,
    DedupeConfig dedupe,
    List<BudgetConfig> budgets,
    CacheConfig cache,
    BatchingConfig batching) {

  public GatewayConfig {
    limits = limits == null ? Limits.DEFAULTS : limits;
    dedupe = dedupe == null ? DedupeConfig.DEFAULTS : dedupe;
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    routes = routes == null ? Map.of() : Map.copyOf(routes);
    keys = keys == null ? List.of() : List.copyOf(keys);
    cache = CacheConfig.DEFAULTS.overriddenBy(cache);
    batching = BatchingConfig.DEFAULTS.overriddenBy(batching);
  }

  /** The cache settings of a request for {@code model}: its route's over the defaults, or the defaults. */
  public CacheConfig cacheFor(String model) {
    RouteConfig route = routes.get(model);
    return route == null ? cache : cache.overriddenBy(route.cache());
  }

  /** Whether any route (or the default for models without one) turns the semantic cache on. */
  public boolean usesSemanticCache() {
    return cache.semantic() || routes.keySet().stream().anyMatch(model -> cacheFor(model).semantic());
  }

  /** The model of a provider, if both exist. */
  public Optional<ModelConfig> model(String providerId, String model) {
    ProviderConfig provider = providers.get(providerId);
    return provider == null ? Optional.empty() : Optional.ofNullable(provider.models().get(model));
  }

  /** Whether {@code text} is {@code provider/model} naming a configured provider and one of its models. */
  public boolean isProviderModel(String text) {
    return RouteTargetConfig.parseProviderModel(text).flatMap(t -> model(t.provider(), t.model())).isPresent();
  }
}
