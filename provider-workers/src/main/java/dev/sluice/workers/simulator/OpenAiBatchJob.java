package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.workers.simulator.SimulatedBatch.ItemOutcome;
import dev.sluice.workers.simulator.SimulatedBatch.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One batch of the simulated OpenAI Batch API: what it was created from, how it runs (a
 * {@link SimulatedBatch}), and the result files it gets once it has ended; shown as OpenAI's
 * Batch object (https://platform.openai.com/docs/api-reference/batch/object).
 *
 * <p>Statuses: {@code validating}, then {@code in_progress} and {@code completed} or
 * {@code expired}; {@code failed} after validating when the input file breaks the rules; after a
 * cancel, {@code cancelling} and {@code cancelled}. The short {@code finalizing} step of the real
 * API is not shown (its timestamp is). Like the real API, the request counts stay zero while
 * the job validates.
 */
final class OpenAiBatchJob {

  static final String COMPLETION_WINDOW = "24h";
  private static final Duration WINDOW = Duration.ofHours(24);
  private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

  private final SimulatedBatch run;
  private final String endpoint;
  private final String inputFileId;
  private final JsonNode metadata;
  private final OpenAiBatchInput input;
  // Written once, under this job's lock, when the job is first seen ended.
  private boolean filed;
  private String outputFileId;
  private String errorFileId;

  OpenAiBatchJob(SimulatedBatch run, String endpoint, String inputFileId, JsonNode metadata, OpenAiBatchInput input) {
    this.run = run;
    this.endpoint = endpoint;
    this.inputFileId = inputFileId;
    this.metadata = metadata;
    this.input = input;
  }

  String id() {
    return run.id();
  }

  SimulatedBatch run() {
    return run;
  }

  String status(Instant now) {
    Phase phase = run.phase(now);
    if (input.failed() && phase != Phase.VALIDATING && phase != Phase.CANCELLING && phase != Phase.CANCELLED) {
      return "failed";
    }
    return switch (phase) {
      case VALIDATING -> "validating";
      case IN_PROGRESS -> "in_progress";
      case CANCELLING -> "cancelling";
      case COMPLETED -> "completed";
      case EXPIRED -> "expired";
      case CANCELLED -> "cancelled";
    };
  }

  static boolean ended(String status) {
    return ENDED.contains(status);
  }

  /** The Batch object at {@code now}; the first call that finds the job ended writes its result files. */
  synchronized ObjectNode toJson(Instant now, SimulatedFiles files) {
    String status = status(now);
    if (ended(status) && !filed) {
      fileResults(now, files);
    }
    Instant endedAt = run.endedAt(now);
    ObjectNode batch = SimResponse.JSON.createObjectNode();
    batch.put("id", run.id());
    batch.put("object", "batch");
    batch.put("endpoint", endpoint);
    batch.set("errors", "failed".equals(status) ? input.errorsJson() : null);
    batch.put("input_file_id", inputFileId);
    batch.put("completion_window", COMPLETION_WINDOW);
    batch.put("status", status);
    batch.put("output_file_id", outputFileId);
    batch.put("error_file_id", errorFileId);
    batch.put("created_at", run.createdAt().getEpochSecond());
    putTime(batch, "in_progress_at", inProgressAt(now));
    Instant expiresAt = run.expiresAt();
    putTime(batch, "expires_at", expiresAt != null ? expiresAt : run.createdAt().plus(WINDOW));
    putTime(batch, "finalizing_at", "completed".equals(status) ? endedAt : null);
    putTime(batch, "completed_at", "completed".equals(status) ? endedAt : null);
    putTime(batch, "failed_at", "failed".equals(status) ? validatedAt() : null);
    putTime(batch, "expired_at", "expired".equals(status) ? endedAt : null);
    putTime(batch, "cancelling_at", run.cancelledAt());
    putTime(batch, "cancelled_at", "cancelled".equals(status) ? endedAt : null);
    putCounts(batch.putObject("request_counts"), status, now);
    batch.set("metadata", metadata);
    return batch;
  }

  private void fileResults(Instant now, SimulatedFiles files) {
    filed = true;
    OpenAiBatchOutput.Contents contents = OpenAiBatchOutput.of(run, input.requests(), now);
    if (contents.output().length > 0) {
      outputFileId = files.add(run.id() + "_output.jsonl", SimulatedFiles.BATCH_OUTPUT, contents.output()).id();
    }
    if (contents.errors().length > 0) {
      errorFileId = files.add(run.id() + "_error.jsonl", SimulatedFiles.BATCH_OUTPUT, contents.errors()).id();
    }
  }

  /** Answered requests are {@code completed}; refused, errored, expired and cancelled ones {@code failed}. */
  private void putCounts(ObjectNode counts, String status, Instant now) {
    int completed = 0;
    int failed = 0;
    boolean counted = !"validating".equals(status) && !input.failed();
    for (int i = 0; counted && i < input.requests().size(); i++) {
      ItemOutcome outcome = run.item(i, now);
      if (outcome == ItemOutcome.SUCCEEDED && input.requests().get(i).status() == 200) {
        completed++;
      } else if (outcome != ItemOutcome.PENDING) {
        failed++;
      }
    }
    counts.put("total", counted ? input.requests().size() : 0);
    counts.put("completed", completed);
    counts.put("failed", failed);
  }

  private Instant validatedAt() {
    return run.createdAt().plus(run.behaviour().validating());
  }

  /** When the job left {@code validating} for {@code in_progress}; null until then, or when it never did. */
  private Instant inProgressAt(Instant now) {
    Instant validated = validatedAt();
    Instant stopped = run.cancelledAt() != null ? run.cancelledAt() : run.endedAt(now);
    boolean reached = !now.isBefore(validated) && (stopped == null || validated.isBefore(stopped));
    return reached && !input.failed() ? validated : null;
  }

  private static void putTime(ObjectNode batch, String field, Instant at) {
    if (at == null) {
      batch.putNull(field);
    } else {
      batch.put(field, at.getEpochSecond());
    }
  }
}
