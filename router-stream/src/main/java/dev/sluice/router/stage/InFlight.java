package dev.sluice.router.stage;

/** What one stage hands to the next: a request still on its way, or its rejection. */
public sealed interface InFlight permits Inbound, Authenticated, Admitted, Rejection, Budgeted {}
