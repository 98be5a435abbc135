package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.resilience.TargetResult;

/**
 * What came of calling one item's current target.
 *
 * @param item   the dispatched item, with the attempts of earlier targets
 * @param target the target that was called
 * @param result its answer or failure, with the attempts made at it
 */
public record CallOutcome(DispatchItem item, RouteTarget target, TargetResult result) {}
