package dev.sluice.workers.resilience;

import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderException;
import java.time.Instant;

/** What came of one attempt on one key. */
sealed interface AttemptResult {

  /** The provider answered. */
  record Answered(ChatCompletion completion, AttemptRecord attempt) implements AttemptResult {}

  /** The provider call failed; {@code at} is when its failure was taken in (the key's cooling counts from then). */
  record Failed(ProviderException error, AttemptRecord attempt, Instant at) implements AttemptResult {}

  /** The deadline passed before the call could start (waiting for the key); no call was made. */
  record Expired(String errorType) implements AttemptResult {}
}
