package dev.sluice.workers.provider;

import java.util.concurrent.CompletableFuture;

/**
 * One provider's chat endpoint behind our contract.
 *
 * <p>{@link #complete} never throws: every failure completes the future exceptionally with a
 * {@link ProviderException} whose {@code retryable} flag tells the caller whether another
 * attempt (or another target) may succeed. Completing the future from outside (cancelling it, or
 * failing it as a time limit does) cancels the HTTP call.
 */
public interface ProviderAdapter {

  /** Sends one chat call; the future completes on the OkHttp dispatcher thread. */
  CompletableFuture<ChatCompletion> complete(ChatCall call);
}
