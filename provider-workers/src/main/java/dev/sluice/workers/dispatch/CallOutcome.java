package dev.sluice.workers.dispatch;

import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderException;

/** What came of calling one item's current target. */
public sealed interface CallOutcome {
  DispatchItem item();

  RouteTarget target();

  /** The provider answered (completely or cut short: see {@link ChatCompletion#truncated()}). */
  record Answered(DispatchItem item, RouteTarget target, ChatCompletion completion, long latencyMs) implements CallOutcome {}

  /** The provider call failed. */
  record Failed(DispatchItem item, RouteTarget target, ProviderException error, long latencyMs) implements CallOutcome {}

  /** The request's deadline passed before the call; the provider was not called. */
  record Expired(DispatchItem item, RouteTarget target) implements CallOutcome {}
}
