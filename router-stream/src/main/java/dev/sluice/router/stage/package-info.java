/**
 * The router's stages, one processor class each, in the order a request meets them: intake,
 * validate, authenticate, dedupe, route; reject, which turns any stage's {@link
 * dev.sluice.router.stage.Rejection} into one error reply and one audit event; record-outcome,
 * which completes dedupe entries from llm.outcomes; and the updater of the provider-health
 * global store. Public only so that {@link dev.sluice.router.RouterTopology} can wire them; not
 * an API for other modules.
 */
package dev.sluice.router.stage;
