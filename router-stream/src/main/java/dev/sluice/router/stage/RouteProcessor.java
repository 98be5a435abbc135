package dev.sluice.router.stage;

import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.RouteConfig;
import dev.sluice.schemas.config.RouteTargetConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 4: resolves the requested model to its ordered targets (a route alias to the route's
 * targets, {@code provider/model} to that one target) and wraps the request in a one-item
 * {@link DispatchBatch} for the first target's provider, forwarded to {@value Nodes#TO_DISPATCH}
 * under the request id. Batching several requests comes later.
 */
public final class RouteProcessor extends ContextualProcessor<String, Authenticated, String, DispatchBatch> {
  private final Map<String, RouteConfig> routes;
  private final Clock clock;

  public RouteProcessor(Map<String, RouteConfig> routes, Clock clock) {
    this.routes = routes;
    this.clock = clock;
  }

  @Override
  public void process(Record<String, Authenticated> record) {
    context().forward(record.withValue(route(record.value(), clock.instant())), Nodes.TO_DISPATCH);
  }

  /** The batch for the request's first target, created at {@code now}. */
  public DispatchBatch route(Authenticated request, Instant now) {
    Inbound in = request.inbound();
    LlmRequest r = in.request();
    RouteConfig route = routes.get(r.getModel());
    List<RouteTarget> targets = route != null ? targets(route) : List.of(providerModel(r.getModel()));
    DispatchItem item = DispatchItem.newBuilder()
        .setRequestId(in.requestId())
        .setCorrelationId(r.getCorrelationId())
        .setReplyTopic(in.replyTopic())
        .setRequestedModel(r.getModel())
        .setMessages(r.getMessages())
        .setMaxTokens(r.getMaxTokens())
        .setTemperature(r.getTemperature())
        .setParametersJson(r.getParametersJson())
        .setMetadata(r.getMetadata())
        .setPriority(r.getPriority())
        .setDeadline(r.getDeadline())
        .setReceivedAt(in.receivedAt())
        .setCaller(request.caller())
        .setRoute(route != null ? r.getModel() : null)
        .setTargets(targets)
        .setTargetIndex(0)
        .setAttempts(new ArrayList<>())
        .setPromptSha256(in.prompt().sha256())
        .setPromptChars(in.prompt().chars())
        .build();
    RouteTarget first = targets.get(0);
    return DispatchBatch.newBuilder()
        .setBatchId(batchId(in.requestId(), first, 0))
        .setProvider(first.getProvider())
        .setModel(first.getModel())
        .setCreatedAt(now)
        .setItems(List.of(item))
        .build();
  }

  /**
   * The same request, target and index always give the same batch id, so a replayed dispatch
   * can be recognised downstream.
   */
  public static String batchId(String requestId, RouteTarget target, int targetIndex) {
    return "b-" + Sha256.hex(requestId + "\n" + target.getProvider() + "\n" + target.getModel() + "\n" + targetIndex)
        .substring(0, 32);
  }

  private static List<RouteTarget> targets(RouteConfig route) {
    if (route.targets().isEmpty()) {
      throw new IllegalStateException("route has no targets; the config validator should have refused it");
    }
    return route.targets().stream().map(t -> new RouteTarget(t.provider(), t.model(), t.keys())).toList();
  }

  /** {@code provider/model}, split at the first '/': provider ids have none, model names may. */
  private static RouteTarget providerModel(String model) {
    return RouteTargetConfig.parseProviderModel(model)
        .map(t -> new RouteTarget(t.provider(), t.model(), t.keys()))
        .orElseThrow(() -> new IllegalStateException("model '" + model
            + "' is neither a route nor provider/model; the validate stage should have refused it"));
  }
}
