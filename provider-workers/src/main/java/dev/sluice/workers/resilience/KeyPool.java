package dev.sluice.workers.resilience;

import dev.sluice.schemas.config.ProviderConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * A provider's keys, and the order in which a target tries them: keys in good standing drawn by
 * weight, then keys whose quota is low (by weight), then cooling keys, soonest ready first.
 */
public final class KeyPool {

  private final String providerId;
  private final List<ProviderKey> keys;
  private final RandomGenerator random;

  KeyPool(String providerId, List<ProviderKey> keys, RandomGenerator random) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("provider '" + providerId + "' needs at least one key in its pool");
    }
    this.providerId = providerId;
    this.keys = List.copyOf(keys);
    this.random = random;
  }

  /**
   * The pool of one provider, one {@link ProviderKey} per adapter.
   *
   * @param random draws keys by weight; seeded in tests
   */
  public static KeyPool create(String providerId, ProviderConfig provider, List<KeyAdapter> adapters,
      ResilienceRegistries registries, ScheduledExecutorService scheduler, RandomGenerator random) {
    return new KeyPool(providerId,
        adapters.stream().map(adapter -> registries.key(providerId, provider, adapter, scheduler)).toList(), random);
  }

  public String providerId() {
    return providerId;
  }

  public List<ProviderKey> keys() {
    return keys;
  }

  /** The allowed keys ({@code allowed} empty: all) in the order to try them at {@code now}. */
  public List<ProviderKey> candidates(List<String> allowed, Instant now) {
    List<ProviderKey> ready = new ArrayList<>();
    List<ProviderKey> low = new ArrayList<>();
    List<ProviderKey> cooling = new ArrayList<>();
    for (ProviderKey key : allowed(allowed)) {
      if (key.standing().isCooling(now)) {
        cooling.add(key);
      } else if (key.standing().isLow(now)) {
        low.add(key);
      } else {
        ready.add(key);
      }
    }
    List<ProviderKey> order = new ArrayList<>(byWeight(ready));
    order.addAll(byWeight(low));
    cooling.sort(Comparator.comparing(key -> key.standing().coolingFor(now)));
    order.addAll(cooling);
    return order;
  }

  /** How long until one of the allowed keys stops cooling: zero when one is not cooling now. */
  public Duration readyIn(List<String> allowed, Instant now) {
    return allowed(allowed).stream()
        .map(key -> key.standing().coolingFor(now))
        .min(Comparator.naturalOrder())
        .orElse(Duration.ZERO);
  }

  private List<ProviderKey> allowed(List<String> allowed) {
    return allowed.isEmpty() ? keys : keys.stream().filter(key -> allowed.contains(key.keyId())).toList();
  }

  /** A weighted draw without replacement: each key's chance to come next is its share of the weight left. */
  private List<ProviderKey> byWeight(List<ProviderKey> pool) {
    List<ProviderKey> left = new ArrayList<>(pool);
    List<ProviderKey> order = new ArrayList<>(pool.size());
    while (!left.isEmpty()) {
      long total = left.stream().mapToLong(ProviderKey::weight).sum();
      long draw = random.nextLong(total);
      int chosen = 0;
      while (draw >= left.get(chosen).weight()) {
        draw -= left.get(chosen).weight();
        chosen++;
      }
      order.add(left.remove(chosen));
    }
    return order;
  }
}
