package dev.sluice.router.stage;

import dev.sluice.router.batch.GroupKey;
import dev.sluice.router.batch.PendingGroups;
import dev.sluice.schemas.Lane;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.config.BatchingConfig;
import dev.sluice.schemas.config.LaneBatching;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch stage, after route: groups routed requests into dispatch records. An interactive request (or one whose
 * lane holds nothing: {@code max_items} 1 or {@code max_wait_ms} 0) goes on at once. Others wait
 * in {@value RouterStores#PENDING_DISPATCH} with the requests of the same lane, provider, model
 * and org, and their group is sent as one {@link DispatchBatch} to {@value Nodes#TO_DISPATCH}
 * when it reaches its lane's {@code max_items} or {@code max_prompt_chars}, or, checked on
 * wall-clock time, when it has waited the lane's {@code max_wait_ms} since its first request joined it.
 */
public final class BatchProcessor extends ContextualProcessor<String, DispatchBatch, String, DispatchBatch> {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

  private final BatchingConfig batching;
  private final Clock clock;
  private PendingGroups pending;

  /** @param clock "now" for comparing with when a group's oldest request arrived */
  public BatchProcessor(BatchingConfig batching, Clock clock) {
    this.batching = batching;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, DispatchBatch> context) {
    super.init(context);
    pending = new PendingGroups(context.getStateStore(RouterStores.PENDING_DISPATCH));
    int held = pending.rebuild(clock.instant());
    if (held > 0) {
      log.info("task {}: {} requests in {} groups wait for dispatch", context.taskId(), held, pending.groups());
    }
    context.schedule(checkEvery(batching), PunctuationType.WALL_CLOCK_TIME, at -> flushDue());
  }

  /** Half the shortest wait, so a group leaves at most half its wait late; between 1 ms and 1 s. */
  static Duration checkEvery(BatchingConfig batching) {
    long shortest = Math.min(batching.standard().maxWaitMs(), batching.deferred().maxWaitMs());
    return Duration.ofMillis(Math.clamp(shortest / 2, 1, 1_000));
  }

  @Override
  public void process(Record<String, DispatchBatch> record) {
    DispatchBatch routed = record.value();
    DispatchItem item = routed.getItems().getFirst();
    Lane lane = Lane.of(item.getPriority());
    LaneBatching limits = batching.lane(lane);
    if (limits == null || limits.maxItems() <= 1 || limits.maxWaitMs() == 0) {
      context().forward(record, Nodes.TO_DISPATCH);
      return;
    }
    GroupKey group = new GroupKey(lane, routed.getProvider(), routed.getModel(), item.getCaller().getOrg());
    if (pending.add(group, item, limits, clock.instant())) {
      flush(group);
    }
  }

  private void flushDue() {
    pending.due(clock.instant(), batching::lane).forEach(this::flush);
  }

  private void flush(GroupKey group) {
    List<DispatchItem> items = pending.take(group);
    if (items.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    DispatchBatch batch = DispatchBatch.newBuilder()
        .setBatchId(batchId(group, items.getFirst().getRequestId()))
        .setProvider(group.provider())
        .setModel(group.model())
        .setCreatedAt(now)
        .setItems(items)
        .build();
    context().forward(new Record<>(batch.getBatchId(), batch, now.toEpochMilli()), Nodes.TO_DISPATCH);
  }

  /** The same group and first request always give the same id, so a replayed flush can be recognised. */
  static String batchId(GroupKey group, String firstRequestId) {
    return "g-" + Sha256.hex(group.text() + "\n" + firstRequestId).substring(0, 32);
  }
}
