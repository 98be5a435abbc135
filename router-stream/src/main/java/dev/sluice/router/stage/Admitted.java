package dev.sluice.router.stage;

/**
 * A request seen for the first time within the dedupe window, on its way to be routed.
 *
 * @param request the authenticated request
 * @param intakePartition the router partition that holds its dedupe entry: the worker sends the
 *     request's outcome to this partition of llm.outcomes
 */
public record Admitted(Authenticated request, int intakePartition) implements InFlight {}
