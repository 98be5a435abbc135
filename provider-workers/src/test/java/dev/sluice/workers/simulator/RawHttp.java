package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain HTTP against a simulator, to test it without the adapters. */
final class RawHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> OPENAI_AUTH = Map.of("Authorization", "Bearer sim-key");
  static final Map<String, String> ANTHROPIC_AUTH =
      Map.of("x-api-key", "sim-key", "anthropic-version", "2023-06-01");

  private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10))
      .retryOnConnectionFailure(false)
      .build();

  private RawHttp() {}

  /** A response read whole: status, headers (lower-case names, first value), body text and (when JSON) its tree. */
  record Reply(int status, Map<String, String> headers, String body, JsonNode json) {
    String retryAfter() {
      return headers.get("retry-after");
    }
  }

  static Reply post(ProviderSimulator sim, String path, Map<String, String> headers, String body) throws IOException {
    Request.Builder request = new Request.Builder()
        .url(sim.baseUrl() + path)
        .post(RequestBody.create(body, MediaType.get("application/json")));
    headers.forEach(request::header);
    return send(request.build());
  }

  static Reply get(ProviderSimulator sim, String path) throws IOException {
    return get(sim, path, Map.of());
  }

  static Reply get(ProviderSimulator sim, String path, Map<String, String> headers) throws IOException {
    Request.Builder request = new Request.Builder().url(sim.baseUrl() + path).get();
    headers.forEach(request::header);
    return send(request.build());
  }

  /** Uploads {@code content} to {@code /v1/files} as a multipart form, as OpenAI's clients do. */
  static Reply upload(ProviderSimulator sim, String purpose, String filename, String content) throws IOException {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    if (purpose != null) {
      form.addFormDataPart("purpose", purpose);
    }
    form.addFormDataPart("file", filename, RequestBody.create(content, MediaType.get("application/jsonl")));
    Request.Builder request = new Request.Builder().url(sim.baseUrl() + ProviderSimulator.OPENAI_FILES_PATH)
        .post(form.build());
    OPENAI_AUTH.forEach(request::header);
    return send(request.build());
  }

  static Reply send(Request request) throws IOException {
    try (Response response = CLIENT.newCall(request).execute()) {
      String text = response.body().string();
      Map<String, String> headers = new HashMap<>();
      response.headers().names().forEach(name -> headers.put(name.toLowerCase(Locale.ROOT), response.header(name)));
      return new Reply(response.code(), headers, text, parse(text));
    }
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
