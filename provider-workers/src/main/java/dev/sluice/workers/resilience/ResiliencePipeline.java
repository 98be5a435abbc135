package dev.sluice.workers.resilience;

import dev.sluice.schemas.config.ProviderConfig;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Calls one target of a request through its provider's resilience, composed in this one order,
 * outermost first:
 *
 * <pre>
 * Retry(keySelection -&gt; CircuitBreaker(RateLimiter(Bulkhead(TimeLimiter(call)))))
 * </pre>
 *
 * <ul>
 *   <li><b>Retry</b>, one per provider (named {@code <provider>}), not per key: a retry picks its
 *       key afresh and may move to another key of the pool, e.g. away from one that answered 429.
 *       At most {@code max_retries} retries per target, waits from {@link RetryBackoff} (full
 *       jitter, at least the provider's {@code Retry-After}), none past the deadline.</li>
 *   <li><b>Key selection</b>: the target's allowed keys in {@link KeyPool} order, each tried
 *       through the next two guards until one passes ({@link KeySelection}).</li>
 *   <li><b>CircuitBreaker</b> per key: an open circuit skips the key; all open moves the request
 *       to its next target without a call.</li>
 *   <li><b>RateLimiter</b> per key (rpm, and tpm with the call's {@link TokenEstimate}): permits
 *       are reserved and the call scheduled after the wait, or the key is skipped when the wait
 *       passes {@code backoff_max_ms} or the deadline.</li>
 *   <li><b>Bulkhead</b> per key ({@code max_concurrent}): a full one queues the call.</li>
 *   <li><b>TimeLimiter</b> per key ({@code timeout_ms}), cut shorter by the deadline; a timeout
 *       cancels the HTTP call.</li>
 * </ul>
 *
 * Nothing here blocks a thread: waits are scheduled on one {@link ScheduledExecutorService} and
 * every step continues from the previous one's completion.
 */
public final class ResiliencePipeline {

  private final KeyPool pool;
  private final Retry retry;
  private final KeySelection selection;
  private final KeyCall keyCall;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;

  private ResiliencePipeline(KeyPool pool, Retry retry, KeySelection selection, KeyCall keyCall,
      ScheduledExecutorService scheduler, Clock clock) {
    this.pool = pool;
    this.retry = retry;
    this.selection = selection;
    this.keyCall = keyCall;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * The pipeline of one provider.
   *
   * @param keys      one adapter per key of the provider's pool
   * @param scheduler runs every wait and time limit
   * @param random    draws keys by weight and retry jitter; seeded in tests
   */
  public static ResiliencePipeline create(String providerId, ProviderConfig provider, List<KeyAdapter> keys,
      ResilienceRegistries registries, ScheduledExecutorService scheduler, Clock clock, RandomGenerator random) {
    KeyPool pool = KeyPool.create(providerId, provider, keys, registries, scheduler, random);
    RetryBackoff backoff = RetryBackoff.of(provider.resilience(), random);
    return new ResiliencePipeline(pool, registries.retry(providerId, provider.resilience(), backoff),
        new KeySelection(pool, backoff.maxMillis(), clock), new KeyCall(scheduler, clock), scheduler, clock);
  }

  /** Calls the request's target until it answers or gives up; the future never fails. */
  public CompletableFuture<TargetResult> call(TargetRequest request) {
    return new TargetRun(request, retry, selection, keyCall, scheduler, clock).start();
  }

  public KeyPool pool() {
    return pool;
  }

  public Retry retry() {
    return retry;
  }
}
