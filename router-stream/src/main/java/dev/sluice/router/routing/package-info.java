/**
 * How the router orders a request's targets: the route's strategy, then provider health. Pure
 * logic, no Kafka; the route stage feeds it the health from the router's global store.
 */
package dev.sluice.router.routing;
