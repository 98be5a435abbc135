package dev.sluice.router.routing;

import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.RouteConfig;
import dev.sluice.schemas.config.RouteTargetConfig;
import java.util.List;
import java.util.Map;

/** The targets a requested model may go to, before any ordering: a route's, or one {@code provider/model}. */
public final class RouteTargets {
  private RouteTargets() {}

  /** The configured targets of a route alias, else the one {@code provider/model} target (any key of the pool). */
  public static List<RouteTarget> of(Map<String, RouteConfig> routes, String model) {
    RouteConfig route = routes.get(model);
    return route != null
        ? route.targets().stream().map(RouteTargets::target).toList()
        : List.of(providerModel(model));
  }

  /** {@code provider/model}, split at the first '/': provider ids have none, model names may. */
  public static RouteTarget providerModel(String model) {
    return RouteTargetConfig.parseProviderModel(model)
        .map(RouteTargets::target)
        .orElseThrow(() -> new IllegalStateException("model '" + model
            + "' is neither a route nor provider/model; the validate stage should have refused it"));
  }

  static RouteTarget target(RouteTargetConfig t) {
    return new RouteTarget(t.provider(), t.model(), t.keys());
  }
}
