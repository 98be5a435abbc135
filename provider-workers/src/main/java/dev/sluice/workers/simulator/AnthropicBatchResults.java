package dev.sluice.workers.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * One Message Batch's requests and what became of them: its {@code request_counts} and, once it
 * has ended, its results file (https://docs.anthropic.com/en/api/retrieving-message-batch-results).
 * A request that ran is answered as the Messages API answers its {@code params} (an errored result
 * when the API refuses them), or errored with a 500 {@code api_error} where the job's behaviour
 * says so; the others are canceled or expired.
 *
 * <p>As the API documents, every request counts as {@code processing} until the whole batch ends.
 */
final class AnthropicBatchResults {

  private final SimulatedBatch job;
  private final AnthropicBatchRequests requests;
  private final AnthropicMessagesApi messages;
  /** The results file and counts, made once: an ended job does not change. */
  private Ended ended;

  AnthropicBatchResults(SimulatedBatch job, AnthropicBatchRequests requests, AnthropicMessagesApi messages) {
    this.job = Objects.requireNonNull(job, "job");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.messages = Objects.requireNonNull(messages, "messages");
    if (job.items() != requests.size()) {
      throw new IllegalArgumentException("job has " + job.items() + " items but " + requests.size() + " requests");
    }
  }

  SimulatedBatch job() {
    return job;
  }

  /** {@code {processing, succeeded, errored, canceled, expired}} at {@code now}. */
  ObjectNode requestCounts(Instant now) {
    if (!job.ended(now)) {
      ObjectNode counts = zeroCounts();
      counts.put("processing", requests.size());
      return counts;
    }
    return ended(now).counts().deepCopy();
  }

  /**
   * The results file, one line per request in request order.
   *
   * @throws IllegalStateException while the batch has not ended
   */
  byte[] jsonl(Instant now) {
    if (!job.ended(now)) {
      throw new IllegalStateException("batch " + job.id() + " has not ended");
    }
    return ended(now).jsonl();
  }

  private synchronized Ended ended(Instant now) {
    if (ended == null) {
      ObjectNode counts = zeroCounts();
      ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
      for (int i = 0; i < requests.size(); i++) {
        ObjectNode result = result(i, now);
        String type = result.get("type").asText();
        counts.put(type, counts.get(type).asInt() + 1);
        ObjectNode line = SimResponse.JSON.createObjectNode().put("custom_id", requests.customIds().get(i));
        line.set("result", result);
        write(jsonl, line);
      }
      ended = new Ended(jsonl.toByteArray(), counts);
    }
    return ended;
  }

  private ObjectNode result(int index, Instant now) {
    ObjectNode result = SimResponse.JSON.createObjectNode();
    switch (job.item(index, now)) {
      case SUCCEEDED -> answer(result, requests.params().get(index));
      case ERRORED -> errored(result, messages.errorFor(500));
      case EXPIRED -> result.put("type", "expired");
      case CANCELLED -> result.put("type", "canceled");
      case PENDING -> throw new IllegalStateException(
          "request " + index + " of ended batch " + job.id() + " is still pending");
    }
    return result;
  }

  private void answer(ObjectNode result, JsonNode params) {
    ObjectNode message;
    try {
      message = messages.messageFor(params);
    } catch (RejectedRequest refused) {
      errored(result, refused.response());
      return;
    }
    result.put("type", "succeeded").set("message", message);
  }

  /** An errored result carries the API's whole error body: {@code {"type":"error","error":{type, message}}}. */
  private static void errored(ObjectNode result, SimResponse error) {
    try {
      result.put("type", "errored").set("error", SimResponse.JSON.readTree(error.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator's own error body is JSON", e);
    }
  }

  private static ObjectNode zeroCounts() {
    return SimResponse.JSON.createObjectNode()
        .put("processing", 0).put("succeeded", 0).put("errored", 0).put("canceled", 0).put("expired", 0);
  }

  private static void write(ByteArrayOutputStream out, JsonNode line) {
    try {
      out.writeBytes(SimResponse.JSON.writeValueAsBytes(line));
      out.write('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private record Ended(byte[] jsonl, ObjectNode counts) {
  }
}
