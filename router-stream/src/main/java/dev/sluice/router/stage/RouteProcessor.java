package dev.sluice.router.stage;

import dev.sluice.router.routing.ProviderHealthView;
import dev.sluice.router.routing.RouteTargets;
import dev.sluice.router.routing.TargetOrder;
import dev.sluice.schemas.ProviderHealthKey;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ProviderHealth;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.RouteConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 6: resolves the requested model to its targets (a route alias to the route's targets in
 * the order {@link TargetOrder} gives for this request and the provider health in the global
 * store {@value RouterStores#PROVIDER_HEALTH}; {@code provider/model} to that one target), keeps
 * those within the request's {@code max_cost_micros} ({@link Budgeted#allows}), and wraps the
 * request in a one-item {@link DispatchBatch} for the first target's provider, forwarded to {@value Nodes#BATCH} under the request id. The item keeps the targets in
 * that order, so the decision shows in every dispatch and in the worker's audit ("target n of
 * m").
 */
public final class RouteProcessor extends ContextualProcessor<String, Budgeted, String, DispatchBatch> {
  private final Map<String, RouteConfig> routes;
  private final TargetOrder targetOrder;
  private final Clock clock;
  private ProviderHealthView health;

  /** @param clock "now" for batch times and for comparing with the end of open circuits */
  public RouteProcessor(Map<String, RouteConfig> routes, TargetOrder targetOrder, Clock clock) {
    this.routes = routes;
    this.targetOrder = targetOrder;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, DispatchBatch> context) {
    super.init(context);
    KeyValueStore<String, ProviderHealth> store = context.getStateStore(RouterStores.PROVIDER_HEALTH);
    health = (provider, keyId) -> Optional.ofNullable(store.get(ProviderHealthKey.of(provider, keyId)));
  }

  @Override
  public void process(Record<String, Budgeted> record) {
    context().forward(record.withValue(route(record.value(), health, clock.instant())), Nodes.BATCH);
  }

  /** The batch for the request's first target, created at {@code now}. */
  public DispatchBatch route(Budgeted budgeted, ProviderHealthView health, Instant now) {
    Admitted admitted = budgeted.admitted();
    Authenticated request = admitted.request();
    Inbound in = request.inbound();
    LlmRequest r = in.request();
    RouteConfig route = routes.get(r.getModel());
    List<RouteTarget> targets = (route != null
        ? targetOrder.order(route, in.requestId(), health, now)
        : List.of(RouteTargets.providerModel(r.getModel())))
        .stream().filter(t -> budgeted.allows(t.getProvider(), t.getModel())).toList();
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
        .setIntakePartition(admitted.intakePartition())
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
}
