package dev.sluice.schemas.config;

/**
 * A URL that receives a budget's alerts, signed with HMAC-SHA256 over the body.
 *
 * @param url http(s) endpoint
 * @param secretEnv the environment variable holding the signing secret
 */
public record BudgetWebhookConfig(String url, String secretEnv) {}
