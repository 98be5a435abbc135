/**
 * The budget ledger: a Kafka Streams service over llm.cost-ledger that sums each budget's spend per
 * period ({@link dev.sluice.ledger.BudgetLedgerTopology}), publishes it to the compacted
 * llm.budget-state for the router, raises one alert per soft threshold crossed on llm.budget-alerts,
 * and posts those alerts to the budgets' webhooks ({@link dev.sluice.ledger.AlertWebhooks}).
 * {@link dev.sluice.ledger.BudgetLedgerService} runs both.
 */
package dev.sluice.ledger;
