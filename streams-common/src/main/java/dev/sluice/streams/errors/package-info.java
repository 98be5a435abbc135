/**
 * Kafka Streams exception handlers shared by the router and the budget ledger. A failure on one record sends that record to
 * llm.dead-letter and the application carries on; a failure of the stream thread replaces the thread.
 */
package dev.sluice.streams.errors;
