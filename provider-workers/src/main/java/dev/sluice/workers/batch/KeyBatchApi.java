package dev.sluice.workers.batch;

import dev.sluice.workers.provider.batch.BatchApi;
import java.util.Objects;

/**
 * A provider's batch API as reached with one key of its pool: jobs are submitted with the pool's
 * first key and always followed with the key they were submitted with.
 */
public record KeyBatchApi(String keyId, BatchApi api) {
  public KeyBatchApi {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(api, "api");
  }
}
