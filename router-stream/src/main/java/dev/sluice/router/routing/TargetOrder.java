package dev.sluice.router.routing;

import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.CircuitState;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.ProviderConfig;
import dev.sluice.schemas.config.ProviderKeyConfig;
import dev.sluice.schemas.config.RouteConfig;
import dev.sluice.schemas.config.RouteTargetConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order in which one request tries a route's targets. Two steps:
 *
 * <ol>
 *   <li>The route's strategy. {@code ordered}: as configured. {@code weighted}: the first target
 *       drawn by weight from a hash of the request id, so a replayed request draws the same
 *       target; the others as configured. {@code latency}: ascending by the target's rolling
 *       median, taken from the best key of its allowed pool whose circuit is not open; a key not
 *       measured yet counts as 0 ms, so that it gets measured; ties keep the configured order.
 *   <li>Targets whose allowed keys all have an open circuit until a time still to come move to
 *       the end, in the order of step 1: the worker would fail them at once, so while another
 *       target is healthy the router stops sending there at all. When every target is open the
 *       order of step 1 stands; the first whose circuit lets a trial call through is used.
 * </ol>
 *
 * <p>A target's allowed keys are its configured {@code keys}, or the provider's whole pool when
 * it names none. Health comes from workers and "until" is their wall clock, so {@code now} is
 * the router's wall clock too, not stream time.
 */
public final class TargetOrder {
  private final Map<String, List<String>> poolByProvider;

  /** @param providers the configured providers, whose key pools this reads once */
  public TargetOrder(Map<String, ProviderConfig> providers) {
    this.poolByProvider = providers.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
        e -> e.getValue().keyPool().stream().map(ProviderKeyConfig::id).toList()));
  }

  /**
   * The targets of {@code route} in the order this request tries them, each with the keys it may
   * use (empty: the whole pool).
   *
   * @param requestId what the weighted draw hashes
   * @param health the last known health of each provider key
   * @param now the wall-clock time open circuits are compared with
   */
  public List<RouteTarget> order(RouteConfig route, String requestId, ProviderHealthView health, Instant now) {
    if (route.targets().isEmpty()) {
      throw new IllegalStateException("route has no targets; the config validator should have refused it");
    }
    List<RouteTargetConfig> byStrategy = switch (route.strategy()) {
      case RouteConfig.ORDERED -> route.targets();
      case RouteConfig.WEIGHTED -> drawnFirst(route.targets(), requestId);
      case RouteConfig.LATENCY -> byLatency(route.targets(), health, now);
      default -> throw new IllegalStateException("strategy '" + route.strategy() + "' is not one of "
          + RouteConfig.STRATEGIES + "; the config validator should have refused it");
    };
    List<RouteTargetConfig> ordered = new ArrayList<>(byStrategy.size());
    List<RouteTargetConfig> open = new ArrayList<>();
    for (RouteTargetConfig target : byStrategy) {
      (allOpen(target, health, now) ? open : ordered).add(target);
    }
    ordered.addAll(open);
    return ordered.stream().map(RouteTargets::target).toList();
  }

  /**
   * Index of the target a request id draws: each target's share of all ids is its weight over
   * the sum of weights. SHA-256 rather than the record key's murmur2 hash, so that the draw does
   * not repeat the partitioning (with 3 partitions and weights 2:1, murmur2 would send whole
   * partitions to one target).
   */
  private static int draw(List<RouteTargetConfig> targets, String requestId) {
    long total = targets.stream().mapToLong(RouteTargetConfig::weight).sum();
    if (total <= 0) {
      throw new IllegalStateException("route weights must sum to > 0, but sum to " + total
          + "; the config validator should have refused them");
    }
    // 60 bits of the hash: non-negative as a long and far more than any sum of weights.
    long ticket = Long.parseLong(Sha256.hex(requestId).substring(0, 15), 16) % total;
    for (int i = 0; i < targets.size(); i++) {
      ticket -= targets.get(i).weight();
      if (ticket < 0) {
        return i;
      }
    }
    throw new IllegalStateException("a ticket below the sum of weights always falls on a target");
  }

  private static List<RouteTargetConfig> drawnFirst(List<RouteTargetConfig> targets, String requestId) {
    int first = draw(targets, requestId);
    List<RouteTargetConfig> ordered = new ArrayList<>(targets.size());
    ordered.add(targets.get(first));
    for (int i = 0; i < targets.size(); i++) {
      if (i != first) {
        ordered.add(targets.get(i));
      }
    }
    return ordered;
  }

  private List<RouteTargetConfig> byLatency(List<RouteTargetConfig> targets, ProviderHealthView health,
      Instant now) {
    record Measured(RouteTargetConfig target, long p50Ms) {}
    List<Measured> measured = new ArrayList<>(targets.size());
    for (RouteTargetConfig target : targets) {
      measured.add(new Measured(target, p50Ms(target, health, now)));
    }
    // List.sort is stable: equal medians keep the configured order.
    measured.sort(Comparator.comparingLong(Measured::p50Ms));
    return measured.stream().map(Measured::target).toList();
  }

  /** The lowest median of the target's usable keys (of all its keys if every one is open); 0 if unmeasured. */
  private long p50Ms(RouteTargetConfig target, ProviderHealthView health, Instant now) {
    List<KeyHealth> keys = keyHealth(target, health, now);
    List<KeyHealth> usable = keys.stream().filter(key -> !key.open()).toList();
    return (usable.isEmpty() ? keys : usable).stream().mapToLong(KeyHealth::p50Ms).min().orElse(0L);
  }

  private boolean allOpen(RouteTargetConfig target, ProviderHealthView health, Instant now) {
    List<KeyHealth> keys = keyHealth(target, health, now);
    return !keys.isEmpty() && keys.stream().allMatch(KeyHealth::open);
  }

  private List<KeyHealth> keyHealth(RouteTargetConfig target, ProviderHealthView health, Instant now) {
    return allowedKeys(target).stream()
        .map(keyId -> health.health(target.provider(), keyId).map(h -> KeyHealth.of(h, now)).orElse(KeyHealth.UNKNOWN))
        .toList();
  }

  private List<String> allowedKeys(RouteTargetConfig target) {
    return target.keys().isEmpty() ? poolByProvider.getOrDefault(target.provider(), List.of()) : target.keys();
  }

  /**
   * What ordering needs of one key.
   *
   * @param open whether its circuit refuses calls: OPEN until a time still to come (a HALF_OPEN
   *     circuit, or an OPEN one whose time is up, lets trial calls through)
   * @param p50Ms its rolling median, 0 while unmeasured
   */
  private record KeyHealth(boolean open, long p50Ms) {
    /** No record yet: as good as a healthy key, so that it gets calls and so measurements. */
    static final KeyHealth UNKNOWN = new KeyHealth(false, 0);

    static KeyHealth of(ProviderHealth health, Instant now) {
      Instant until = health.getOpenUntil();
      boolean open = health.getCircuitState() == CircuitState.OPEN && until != null && until.isAfter(now);
      return new KeyHealth(open, health.getP50Ms() == null ? 0 : health.getP50Ms());
    }
  }
}
