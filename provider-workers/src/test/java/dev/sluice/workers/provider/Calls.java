package dev.sluice.workers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.ChatMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Test helpers for building calls and reading their outcomes. */
public final class Calls {
  /** Long enough for any outcome here; adapters under test time out far sooner. */
  private static final long WAIT_SECONDS = 30;

  private Calls() {}

  public static ChatMessage message(String role, String content) {
    return new ChatMessage(role, content, null);
  }

  public static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The {@link ProviderException} the future failed with; fails the test if it succeeded. */
  public static ProviderException failureOf(CompletableFuture<?> future) throws Exception {
    Throwable failure = future.handle((value, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
    if (failure instanceof CompletionException wrapped) {
      failure = wrapped.getCause();
    }
    assertThat(failure).isInstanceOf(ProviderException.class);
    return (ProviderException) failure;
  }
}
