/**
 * The Sluice router: a Kafka Streams application from llm.requests to the dispatch topics.
 * Start it with {@link dev.sluice.router.RouterService}; its topology is {@link
 * dev.sluice.router.RouterTopology}.
 */
package dev.sluice.router;
