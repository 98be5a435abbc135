package dev.sluice.workers.resilience;

import dev.sluice.schemas.Lane;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.workers.provider.ChatCall;
import java.util.List;
import java.util.Objects;

/**
 * One request for one of its targets, as the resilience pipeline needs it.
 *
 * @param call            what to send
 * @param target          the provider, model and allowed keys
 * @param deadline        when the request must be answered
 * @param estimatedTokens what the call is charged against a key's tokens-per-minute limit
 * @param fallbackOn      the route's {@code fallback_on} errors (empty without a route)
 * @param lane            the request's lane, which orders the wait for a bulkhead slot
 */
public record TargetRequest(ChatCall call, RouteTarget target, Deadline deadline, int estimatedTokens,
    List<String> fallbackOn, Lane lane) {

  /** A standard-lane request. */
  public TargetRequest(ChatCall call, RouteTarget target, Deadline deadline, int estimatedTokens,
      List<String> fallbackOn) {
    this(call, target, deadline, estimatedTokens, fallbackOn, Lane.STANDARD);
  }

  public TargetRequest {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(deadline, "deadline");
    fallbackOn = fallbackOn == null ? List.of() : List.copyOf(fallbackOn);
  }

  /** {@code provider/model}, for messages. */
  public String describeTarget() {
    return describe(target);
  }

  /** {@code provider/model}, for messages and audit events. */
  public static String describe(RouteTarget target) {
    return target.getProvider() + "/" + target.getModel();
  }
}
