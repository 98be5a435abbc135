package dev.sluice.workers.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The result files of an ended OpenAI batch
 * (https://platform.openai.com/docs/api-reference/batch/request-output), one line per request
 * that ran or was stopped, {@code {"id", "custom_id", "response", "error"}}: answered requests
 * in the output file; in the error file, requests the chat endpoint refused (its 4xx), requests
 * that failed at the provider (a 500 {@code server_error}), and with {@code response: null}
 * those the job's expiry ({@code batch_expired}) or cancellation ({@code batch_cancelled}) stopped.
 */
final class OpenAiBatchOutput {

  static final String EXPIRED_MESSAGE = "This request could not be executed before the completion window expired.";
  static final String CANCELLED_MESSAGE = "This request could not be executed before the batch was cancelled.";
  static final String SERVER_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about that!";

  /** Both files' contents; either may be empty. */
  record Contents(byte[] output, byte[] errors) {
  }

  private OpenAiBatchOutput() {}

  /** The files of {@code run}, ended by {@code now}, whose item i answers {@code requests.get(i)}. */
  static Contents of(SimulatedBatch run, List<OpenAiBatchInput.Request> requests, Instant now) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    JsonNode serverError = OpenAiChatApi.error(500, "server_error", SERVER_ERROR_MESSAGE, null, null).jsonBody();
    for (int i = 0; i < requests.size(); i++) {
      OpenAiBatchInput.Request request = requests.get(i);
      switch (run.item(i, now)) {
        case SUCCEEDED -> write(request.status() == 200 ? output : errors,
            line(request.customId(), response(request.status(), request.answer()), null));
        case ERRORED -> write(errors, line(request.customId(), response(500, serverError), null));
        case EXPIRED -> write(errors, line(request.customId(), null, error("batch_expired", EXPIRED_MESSAGE)));
        case CANCELLED -> write(errors, line(request.customId(), null, error("batch_cancelled", CANCELLED_MESSAGE)));
        case PENDING -> {
          // An ended job has no pending item; nothing to report if one appears.
        }
      }
    }
    return new Contents(output.toByteArray(), errors.toByteArray());
  }

  private static ObjectNode line(String customId, ObjectNode response, ObjectNode error) {
    ObjectNode line = SimResponse.JSON.createObjectNode();
    line.put("id", SimulatedApi.randomId("batch_req_"));
    line.put("custom_id", customId);
    line.set("response", response);
    line.set("error", error);
    return line;
  }

  private static ObjectNode response(int status, JsonNode body) {
    ObjectNode response = SimResponse.JSON.createObjectNode();
    response.put("status_code", status);
    response.put("request_id", SimulatedApi.randomId("req_"));
    response.set("body", body);
    return response;
  }

  private static ObjectNode error(String code, String message) {
    return SimResponse.JSON.createObjectNode().put("code", code).put("message", message);
  }

  private static void write(ByteArrayOutputStream file, ObjectNode line) {
    try {
      file.writeBytes(SimResponse.JSON.writeValueAsBytes(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    file.write('\n');
  }
}
