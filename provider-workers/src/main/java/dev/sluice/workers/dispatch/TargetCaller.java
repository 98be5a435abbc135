package dev.sluice.workers.dispatch;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.Lane;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.RouteConfig;
import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.resilience.Deadline;
import dev.sluice.workers.resilience.FailureClass;
import dev.sluice.workers.resilience.ResiliencePipeline;
import dev.sluice.workers.resilience.TargetRequest;
import dev.sluice.workers.resilience.TargetResult;
import dev.sluice.workers.resilience.TokenEstimate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Calls the current target of a dispatched item through its provider's pipeline; never fails, every result is a {@link CallOutcome}. */
public final class TargetCaller {
  private final ProviderPipelines pipelines;
  private final GatewayConfig config;
  private final Clock clock;

  public TargetCaller(ProviderPipelines pipelines, GatewayConfig config, Clock clock) {
    this.pipelines = pipelines;
    this.config = config;
    this.clock = clock;
  }

  public CompletableFuture<CallOutcome> call(DispatchItem item) {
    RouteTarget target = item.getTargets().get(item.getTargetIndex());
    Deadline deadline = Deadline.of(item.getDeadline());
    if (deadline.passed(clock.instant())) {
      return done(item, target, FailureClass.EXPIRED, ErrorCode.DEADLINE_EXCEEDED,
          "the deadline " + deadline + " passed before the target could be called");
    }
    ChatCall call;
    try {
      call = new ChatCall(target.getModel(), item.getMessages(), item.getMaxTokens(), item.getTemperature(),
          item.getParametersJson());
    } catch (IllegalArgumentException e) {
      // The router validates requests, so this only happens for values the provider type cannot take.
      return done(item, target, FailureClass.FINAL, ErrorCode.INVALID_REQUEST, e.getMessage());
    }
    ResiliencePipeline pipeline;
    try {
      pipeline = pipelines.pipeline(target.getProvider());
    } catch (IllegalArgumentException e) {
      // A record on this provider's topic for another provider: only a misrouting writer makes one.
      return done(item, target, FailureClass.FINAL, ErrorCode.PROVIDER_ERROR, e.getMessage());
    }
    TargetRequest request = new TargetRequest(call, target, deadline,
        TokenEstimate.of(item.getPromptChars(), item.getMaxTokens()), fallbackOn(item), Lane.of(item.getPriority()));
    return pipeline.call(request).thenApply(result -> new CallOutcome(item, target, result));
  }

  private List<String> fallbackOn(DispatchItem item) {
    RouteConfig route = item.getRoute() == null ? null : config.routes().get(item.getRoute());
    return route == null ? List.of() : route.fallbackOn();
  }

  private static CompletableFuture<CallOutcome> done(DispatchItem item, RouteTarget target, FailureClass next,
      ErrorCode code, String reason) {
    return CompletableFuture.completedFuture(
        new CallOutcome(item, target, new TargetResult.Failed(next, code, reason, List.of())));
  }
}
