/**
 * Kafka Streams exception handlers of the router. A failure on one record sends that record to
 * llm.dead-letter and the router carries on; a failure of the stream thread replaces the thread.
 */
package dev.sluice.router.errors;
