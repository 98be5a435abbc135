package dev.sluice.gateway;

import dev.sluice.client.LlmClient;
import dev.sluice.client.SluiceClient;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.serde.BatchLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code sluice send --file}: validates an OpenAI Batch input file, publishes every line as it is,
 * and writes the replies in the Batch output format, in input order.
 */
final class BatchFileSend {
  private static final int MAX_PROBLEMS_SHOWN = 20;

  /** A valid input line. */
  record Line(int number, String customId, String json) {}

  private final List<Line> lines;
  private final Path output;

  private BatchFileSend(List<Line> lines, Path output) {
    this.lines = lines;
    this.output = output;
  }

  /**
   * Reads and checks the whole file before anything is sent.
   *
   * @throws UserException listing the bad lines by number
   */
  static BatchFileSend prepare(Path input, Path output) {
    List<String> text;
    try {
      text = Files.readAllLines(input, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException("cannot read " + input + ": no such file");
    } catch (IOException e) {
      throw new UserException("cannot read " + input + ": " + e.getMessage(), e);
    }
    List<Line> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> customIds = new HashSet<>();
    for (int i = 0; i < text.size(); i++) {
      String json = text.get(i);
      if (json.isBlank()) {
        continue;
      }
      try {
        BatchLines.InputLine parsed = BatchLines.parseInput(json);
        BatchLines.toRequest(parsed);
        if (!customIds.add(parsed.customId())) {
          throw new IllegalArgumentException("custom_id '" + parsed.customId() + "' appears more than once");
        }
        lines.add(new Line(i + 1, parsed.customId(), json));
      } catch (IllegalArgumentException e) {
        problems.add(input.getFileName() + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new UserException(problems.size() + " bad line(s) in " + input + "; nothing was sent:\n  "
          + String.join("\n  ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN)))
          + (problems.size() > MAX_PROBLEMS_SHOWN ? "\n  ... and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more" : ""));
    }
    if (lines.isEmpty()) {
      throw new UserException(input + " has no requests");
    }
    Path target = output != null ? output : defaultOutput(input);
    if (target.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
      throw new UserException("--output must differ from the input file " + input);
    }
    return new BatchFileSend(lines, target);
  }

  /** {@code dir/requests.jsonl} becomes {@code dir/requests.output.jsonl}. */
  static Path defaultOutput(Path input) {
    String name = input.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    return input.resolveSibling(stem + ".output.jsonl");
  }

  Path output() {
    return output;
  }

  /**
   * Sends every line as a deferred request, to be packed into provider batch jobs at the batch price.
   *
   * @param deadline when each reply is due at the latest, or null for none
   * @param jobs the job records whose states the progress shows
   */
  record Deferred(Instant deadline, BatchJobFeed jobs) {
    Map<String, String> headers() {
      Map<String, String> headers = new HashMap<>();
      headers.put(SluiceHeaders.PRIORITY, Priority.DEFERRED.name().toLowerCase(Locale.ROOT));
      if (deadline != null) {
        headers.put(SluiceHeaders.DEADLINE_MS, Long.toString(deadline.toEpochMilli()));
      }
      return headers;
    }
  }

  /**
   * @param deferred how to send the lines deferred, or null to send them as they are
   * @return 0 when every line got a successful reply, 1 when any got an error
   */
  int run(LlmClient client, String key, Deferred deferred, CliContext context) {
    long startedAt = context.nanoTime().getAsLong();
    List<String> requestIds = lines.stream().map(line -> SluiceClient.newRequestId()).toList();
    BatchJobProgress jobs = new BatchJobProgress(requestIds);
    ProgressBar progress = new ProgressBar(context.err(), lines.size(), context.nanoTime(),
        deferred == null ? () -> "" : jobs::render);
    Map<String, String> headers = deferred == null ? Map.of() : deferred.headers();
    List<CompletableFuture<LlmReply>> replies = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      // Waiting on the whenComplete stage, not the raw reply, so the count below includes every reply.
      replies.add(client.sendBatchLine(requestIds.get(i), lines.get(i).json(), key, headers)
          .whenComplete((r, e) -> progress.record(e != null || r.getStatus() == ReplyStatus.ERROR)));
    }
    if (deferred != null) {
      new BatchJobWatch(deferred.jobs(), jobs, progress, context.err())
          .awaitReplies(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)));
    }
    List<LlmReply> results = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      results.add(await(replies.get(i), requestIds.get(i), lines.get(i).customId()));
    }
    progress.finish();
    write(results);
    double seconds = Math.max(1e-9, (context.nanoTime().getAsLong() - startedAt) / 1e9);
    int errors = progress.errors();
    context.out().println(String.format(Locale.ROOT, "wrote %d replies to %s: %d ok, %d failed (%.1f s, %.1f/s)",
        results.size(), output, results.size() - errors, errors, seconds, results.size() / seconds));
    return errors == 0 ? 0 : SluiceCommand.USER_ERROR;
  }

  /** The reply, or an error reply standing in for a timeout or a failed publish, so every line gets an output line. */
  private static LlmReply await(CompletableFuture<LlmReply> future, String requestId, String customId) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while waiting for replies", e);
    } catch (ExecutionException e) {
      ErrorCode code = e.getCause() instanceof TimeoutException ? ErrorCode.DEADLINE_EXCEEDED : ErrorCode.PROVIDER_ERROR;
      return LlmReply.newBuilder()
          .setRequestId(requestId)
          .setCorrelationId(customId)
          .setStatus(ReplyStatus.ERROR)
          .setError(code.toError(String.valueOf(e.getCause().getMessage()), null))
          .setCompletedAt(Instant.now())
          .build();
    }
  }

  private void write(List<LlmReply> results) {
    try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (int i = 0; i < results.size(); i++) {
        writer.write(BatchLines.outputLine(results.get(i), lines.get(i).customId()));
        writer.newLine();
      }
    } catch (IOException e) {
      throw new UserException("cannot write " + output + ": " + e.getMessage(), e);
    }
  }
}
