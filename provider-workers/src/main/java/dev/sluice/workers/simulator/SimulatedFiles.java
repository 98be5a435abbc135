package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The files one simulated OpenAI organisation holds: uploaded batch inputs and the batches' result files. */
final class SimulatedFiles {

  static final String BATCH = "batch";
  static final String BATCH_OUTPUT = "batch_output";
  /** Batch input and result files are deleted 30 days after they are made; other files are kept. */
  private static final Set<String> EXPIRING = Set.of(BATCH, BATCH_OUTPUT);
  private static final Duration RETENTION = Duration.ofDays(30);

  /** One stored file and what the File object says about it. */
  record StoredFile(String id, String filename, String purpose, Instant createdAt, byte[] content) {

    /** The File object (https://platform.openai.com/docs/api-reference/files/object). */
    ObjectNode toJson() {
      ObjectNode file = SimResponse.JSON.createObjectNode();
      file.put("id", id);
      file.put("object", "file");
      file.put("bytes", content.length);
      file.put("created_at", createdAt.getEpochSecond());
      if (EXPIRING.contains(purpose)) {
        file.put("expires_at", createdAt.plus(RETENTION).getEpochSecond());
      } else {
        file.putNull("expires_at");
      }
      file.put("filename", filename);
      file.put("purpose", purpose);
      file.put("status", "processed");
      file.putNull("status_details");
      return file;
    }
  }

  private final Map<String, StoredFile> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  SimulatedFiles(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  StoredFile add(String filename, String purpose, byte[] content) {
    StoredFile file = new StoredFile(SimulatedApi.randomId("file-"), filename, purpose, clock.instant(), content);
    byId.put(file.id(), file);
    return file;
  }

  Optional<StoredFile> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
