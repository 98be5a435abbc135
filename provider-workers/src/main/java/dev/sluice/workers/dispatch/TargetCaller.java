package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.ProviderException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Calls the current target of a dispatched item; never fails, every result is a {@link CallOutcome}. */
public final class TargetCaller {
  private final ProviderRegistry providers;
  private final Clock clock;

  public TargetCaller(ProviderRegistry providers, Clock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  public CompletableFuture<CallOutcome> call(DispatchItem item) {
    RouteTarget target = item.getTargets().get(item.getTargetIndex());
    if (item.getDeadline() != null && !clock.instant().isBefore(item.getDeadline())) {
      return CompletableFuture.completedFuture(new CallOutcome.Expired(item, target));
    }
    long started = clock.millis();
    ChatCall call;
    try {
      call = new ChatCall(target.getModel(), item.getMessages(), item.getMaxTokens(), item.getTemperature(), item.getParametersJson());
      return providers.adapter(target.getProvider()).complete(call)
          .<CallOutcome>thenApply(done -> new CallOutcome.Answered(item, target, done, clock.millis() - started))
          .exceptionally(e -> new CallOutcome.Failed(item, target, providerError(e), clock.millis() - started));
    } catch (IllegalArgumentException e) {
      // The router validates requests, so this only happens for values the provider type cannot take.
      return CompletableFuture.completedFuture(
          new CallOutcome.Failed(item, target, ProviderErrorClassifier.httpError(400, "invalid_request_error", e.getMessage(), null), 0));
    }
  }

  private static ProviderException providerError(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof ProviderException pe ? pe : ProviderErrorClassifier.unexpectedFailure(cause);
  }
}
