package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.workers.provider.batch.BatchLimits;
import dev.sluice.workers.provider.batch.BatchLine;
import dev.sluice.workers.provider.internal.JsonBodies;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The input file of an OpenAI batch (https://platform.openai.com/docs/api-reference/batch/request-input):
 * one line per request, {@code {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}}.
 * A job OpenAI would fail is refused here, before any call: no lines, more lines or bytes than the
 * limits allow, a repeated custom id, or more than one model.
 */
final class OpenAiBatchFile {

  private OpenAiBatchFile() {}

  /**
   * The JSONL file for {@code lines}, each body as the chat adapter would send it.
   *
   * @throws IllegalArgumentException naming the line, the value and the limit it breaks
   */
  static byte[] jsonl(List<BatchLine> lines, TokenLimitField tokenLimitField, BatchLimits limits) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("lines must not be empty: an OpenAI batch needs at least one request");
    }
    if (lines.size() > limits.maxRequests()) {
      throw new IllegalArgumentException("lines holds " + lines.size()
          + " requests, but an OpenAI batch may hold at most " + limits.maxRequests());
    }
    String model = lines.get(0).call().model();
    Set<String> customIds = new HashSet<>();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      BatchLine line = lines.get(i);
      if (!model.equals(line.call().model())) {
        throw new IllegalArgumentException("lines[" + i + "] calls model '" + line.call().model()
            + "', but lines[0] calls '" + model + "': an OpenAI batch holds requests for one model only");
      }
      if (!customIds.add(line.customId())) {
        throw new IllegalArgumentException("lines[" + i + "] repeats the customId '" + line.customId()
            + "' of an earlier line: custom ids must be unique within a batch");
      }
      ObjectNode request = JsonBodies.newObject();
      request.put("custom_id", line.customId());
      request.put("method", "POST");
      request.put("url", OpenAiBatchEndpoints.CHAT_ENDPOINT);
      request.set("body", OpenAiRequestMapper.toBody(line.call(), tokenLimitField));
      file.writeBytes(JsonBodies.toBytes(request));
      file.write('\n');
    }
    if (file.size() > limits.maxBytes()) {
      throw new IllegalArgumentException("the batch input file for " + lines.size() + " lines is " + file.size()
          + " bytes, but an OpenAI batch input file may have at most " + limits.maxBytes());
    }
    return file.toByteArray();
  }
}
