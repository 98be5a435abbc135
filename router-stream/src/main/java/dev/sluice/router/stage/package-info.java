/**
 * The router's stages, one processor class each, in the order a request meets them: intake,
 * validate, authenticate, route; and reject, which turns any stage's {@link
 * dev.sluice.router.stage.Rejection} into one error reply and one audit event. Public only so
 * that {@link dev.sluice.router.RouterTopology} can wire them; not an API for other modules.
 */
package dev.sluice.router.stage;
