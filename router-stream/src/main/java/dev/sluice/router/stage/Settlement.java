package dev.sluice.router.stage;

import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.RequestReservation;

/**
 * A request's first terminal reply together with what the request reserved: the budget
 * reservation that {@link BudgetProcessor} settles.
 *
 * @param reply the terminal reply, whose {@code cost_micros} is the sum of its ledger entries
 * @param reservation what was reserved when the request was admitted
 */
public record Settlement(LlmReply reply, RequestReservation reservation) {}
