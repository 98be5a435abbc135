package dev.sluice.router.stage;

import dev.sluice.schemas.avro.DedupeEntry;

/**
 * A request seen for the first time within the dedupe window, on its way to be routed.
 *
 * @param request the authenticated request
 * @param intakePartition the router partition that holds its dedupe entry: the worker sends the
 *     request's outcome to this partition of llm.outcomes
 * @param dedupeKey the key of its dedupe entry ({@link dev.sluice.schemas.DedupeKey})
 * @param entry its dedupe entry as stored, IN_FLIGHT: the budget stage stores it again with the
 *     request's reservation
 */
public record Admitted(Authenticated request, int intakePartition, String dedupeKey, DedupeEntry entry)
    implements InFlight {}
