package dev.sluice.router.stage;

import dev.sluice.schemas.avro.Caller;

/**
 * A valid request whose key is known and may call the requested model.
 *
 * @param inbound the request
 * @param caller who sent it: key id, org, team
 */
public record Authenticated(Inbound inbound, Caller caller) implements InFlight {}
