package dev.sluice.workers.dispatch;

import dev.sluice.workers.resilience.ProviderKey;
import dev.sluice.workers.resilience.ResilienceRegistries;
import dev.sluice.workers.resilience.ResiliencePipeline;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/** The resilience pipeline of every served provider, sharing one set of registries, one scheduler and one clock. */
public final class ProviderPipelines {
  private final Map<String, ResiliencePipeline> pipelines = new TreeMap<>();
  private final ResilienceRegistries registries;

  /**
   * @param served    the providers this worker calls
   * @param scheduler runs every wait and time limit of every call
   * @param random    draws keys by weight and retry jitter; seeded in tests
   * @throws IllegalArgumentException for a served provider that is not configured
   */
  public ProviderPipelines(ProviderRegistry providers, Collection<String> served, ScheduledExecutorService scheduler,
      Clock clock, RandomGenerator random) {
    this.registries = new ResilienceRegistries(clock);
    for (String providerId : served) {
      pipelines.put(providerId, ResiliencePipeline.create(providerId, providers.provider(providerId),
          providers.keys(providerId), registries, scheduler, clock, random));
    }
  }

  /** @throws IllegalArgumentException for a provider this worker does not serve */
  public ResiliencePipeline pipeline(String providerId) {
    ResiliencePipeline pipeline = pipelines.get(providerId);
    if (pipeline == null) {
      throw new IllegalArgumentException("provider '" + providerId + "' is not served by this worker (served: "
          + pipelines.keySet() + ")");
    }
    return pipeline;
  }

  /** Every key of every served provider. */
  public List<ProviderKey> keys() {
    return pipelines.values().stream().flatMap(pipeline -> pipeline.pool().keys().stream()).toList();
  }

  public ResilienceRegistries registries() {
    return registries;
  }
}
