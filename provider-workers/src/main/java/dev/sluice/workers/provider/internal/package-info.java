/**
 * Plumbing shared by the provider adapters: JSON handling, the OkHttp call turned into a
 * {@link java.util.concurrent.CompletableFuture} (or made blocking, for batch jobs), Retry-After
 * and rate-limit header parsing, and secret scrubbing.
 * Not an API: only the adapters use it.
 */
package dev.sluice.workers.provider.internal;
