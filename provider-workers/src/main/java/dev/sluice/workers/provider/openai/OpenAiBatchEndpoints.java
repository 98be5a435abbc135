package dev.sluice.workers.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.batch.BatchStatus;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp;
import dev.sluice.workers.provider.internal.SecretScrubber;
import java.time.Clock;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The OpenAI Files and Batch API calls a batch job makes, each blocking until answered: upload an
 * input file, create, read and cancel a batch, download a result file
 * (https://platform.openai.com/docs/api-reference/batch). Every failure is a
 * {@link ProviderException}.
 */
final class OpenAiBatchEndpoints {

  /** The one endpoint our batches call; OpenAI names it by path even when the base URL differs. */
  static final String CHAT_ENDPOINT = "/v1/chat/completions";
  /** The only completion window OpenAI offers. */
  static final String COMPLETION_WINDOW = "24h";

  private static final MediaType JSONL = MediaType.get("application/jsonl");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String INPUT_FILENAME = "sluice-batch.jsonl";

  private final ProviderEndpoint endpoint;
  private final Headers headers;
  private final ProviderHttp http;

  OpenAiBatchEndpoints(OkHttpClient client, ProviderEndpoint endpoint, Clock clock) {
    this.endpoint = endpoint;
    this.headers = OpenAiChatAdapter.authHeaders(endpoint);
    this.http = new ProviderHttp(client, OpenAiResponseMapper::readError, new SecretScrubber(endpoint.apiKey()), clock);
  }

  /** Uploads {@code jsonl} as a file with purpose {@code batch}; returns its id. */
  String upload(byte[] jsonl) {
    RequestBody form = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("purpose", "batch")
        .addFormDataPart("file", INPUT_FILENAME, RequestBody.create(jsonl, JSONL))
        .build();
    return http.send(post(endpoint.url("/files"), form),
        (status, body, rateLimits) -> JsonBodies.require(body, "/id", status).asText());
  }

  /** Creates a batch of chat completions from an uploaded file. */
  BatchStatus create(String inputFileId, String completionWindow) {
    ObjectNode body = JsonBodies.newObject();
    body.put("input_file_id", inputFileId);
    body.put("endpoint", CHAT_ENDPOINT);
    body.put("completion_window", completionWindow);
    return http.send(post(endpoint.url("/batches"), ProviderHttp.jsonBody(body)), OpenAiBatchObject::toStatus);
  }

  BatchStatus batch(String batchId) {
    return http.send(get(url("/batches", batchId)), OpenAiBatchObject::toStatus);
  }

  BatchStatus cancel(String batchId) {
    return http.send(post(url("/batches", batchId, "cancel"), RequestBody.create(new byte[0], JSON)),
        OpenAiBatchObject::toStatus);
  }

  /** A file's content as stored, such as a batch's output or error file. */
  byte[] content(String fileId) {
    return http.sendForBytes(get(url("/files", fileId, "content")));
  }

  /** {@code path} under the base URL, then {@code segments} each escaped as one path segment. */
  private HttpUrl url(String path, String... segments) {
    HttpUrl.Builder url = endpoint.url(path).newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  private Request post(HttpUrl url, RequestBody body) {
    return new Request.Builder().url(url).headers(headers).post(body).build();
  }

  private Request get(HttpUrl url) {
    return new Request.Builder().url(url).headers(headers).get().build();
  }
}
