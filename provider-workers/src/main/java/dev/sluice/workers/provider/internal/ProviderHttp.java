package dev.sluice.workers.provider.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.workers.provider.ProviderErrorClassifier;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.RateLimitStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * One provider's JSON-over-HTTP transport: sends a body asynchronously (the chat path) or any
 * request blocking (batch jobs, off the dispatch threads), and turns every outcome into a mapped
 * value or a {@link ProviderException}.
 */
public final class ProviderHttp {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final int SNIPPET_LENGTH = 200;

  /** Maps a 2xx JSON body to a value; throws {@link ProviderException} when fields are missing. */
  @FunctionalInterface
  public interface ResponseMapper<T> {
    T map(int status, JsonNode body, RateLimitStatus rateLimits);
  }

  /** Reads the provider's error type and message out of its error body. */
  @FunctionalInterface
  public interface ErrorReader {
    ErrorDetail read(JsonNode body);
  }

  /** Reads a 2xx body as it streams in, such as a batch's results file; may throw {@link ProviderException}. */
  @FunctionalInterface
  public interface BodyReader<T> {
    /** @throws IOException when the body cannot be read to its end */
    T read(int status, BufferedSource body) throws IOException;
  }

  /** A provider's error type and message, either possibly null. */
  public record ErrorDetail(String type, String message) {
  }

  private final OkHttpClient client;
  private final ErrorReader errors;
  private final SecretScrubber scrubber;
  private final Clock clock;

  public ProviderHttp(OkHttpClient client, ErrorReader errors, SecretScrubber scrubber, Clock clock) {
    this.client = client;
    this.errors = errors;
    this.scrubber = scrubber;
    this.clock = clock;
  }

  /**
   * POSTs {@code body}. Completing the returned future from outside (cancelling it, or failing it
   * as a time limit does) cancels the call, so that no abandoned call holds a connection.
   */
  public <T> CompletableFuture<T> postJson(HttpUrl url, Headers headers, JsonNode body, ResponseMapper<T> mapper) {
    Request request = new Request.Builder()
        .url(url)
        .headers(headers)
        .post(jsonBody(body))
        .build();
    Call call = client.newCall(request);
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicBoolean answered = new AtomicBoolean();
    result.whenComplete((value, failure) -> {
      if (!answered.get()) {
        call.cancel();
      }
    });
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call failed, IOException e) {
        answered.set(true);
        result.completeExceptionally(ProviderErrorClassifier.networkFailure(e));
      }

      @Override
      public void onResponse(Call done, Response response) {
        answered.set(true);
        try {
          result.complete(readClosing(response, answer -> read(answer, mapper)));
        } catch (ProviderException e) {
          result.completeExceptionally(e);
        }
      }
    });
    return result;
  }

  /** POSTs {@code body} (JSON bytes; empty for a POST without a body) and waits for the answer. */
  public <T> T postBlocking(HttpUrl url, Headers headers, byte[] body, ResponseMapper<T> mapper) {
    RequestBody requestBody = RequestBody.create(body, body.length == 0 ? null : JSON);
    return send(new Request.Builder().url(url).headers(headers).post(requestBody).build(), mapper);
  }

  /** GETs {@code url} and waits for the JSON answer. */
  public <T> T getBlocking(HttpUrl url, Headers headers, ResponseMapper<T> mapper) {
    return send(new Request.Builder().url(url).headers(headers).get().build(), mapper);
  }

  /** GETs {@code url}, waits for the answer and hands a 2xx body to {@code reader} as it streams in. */
  public <T> T getStreaming(HttpUrl url, Headers headers, BodyReader<T> reader) {
    return readClosing(execute(new Request.Builder().url(url).headers(headers).get().build()),
        response -> stream(response, reader));
  }

  /** Sends {@code request}, waits for its answer and maps its 2xx JSON body. */
  public <T> T send(Request request, ResponseMapper<T> mapper) {
    return readClosing(execute(request), response -> read(response, mapper));
  }

  /** Sends {@code request}, waits for its answer and returns its 2xx body as it came (a file's content). */
  public byte[] sendForBytes(Request request) {
    return readClosing(execute(request),
        response -> successBody(response, RateLimitHeaders.read(response.headers(), clock)));
  }

  /** A JSON request body. */
  public static RequestBody jsonBody(JsonNode body) {
    return RequestBody.create(JsonBodies.toBytes(body), JSON);
  }

  private Response execute(Request request) {
    try {
      return client.newCall(request).execute();
    } catch (IOException e) {
      throw ProviderErrorClassifier.networkFailure(e);
    }
  }

  /**
   * Reads and closes {@code response}; a failure other than a {@link ProviderException} means its
   * body was not the one the provider documents.
   */
  private <T> T readClosing(Response response, Function<Response, T> reader) {
    try (response) {
      return reader.apply(response);
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ProviderErrorClassifier.malformedResponse(response.code(), scrubber.scrub(e.toString()));
    }
  }

  private <T> T stream(Response response, BodyReader<T> reader) {
    if (!response.isSuccessful()) {
      successBody(response, RateLimitHeaders.read(response.headers(), clock));
    }
    try {
      return reader.read(response.code(), response.body().source());
    } catch (InterruptedIOException e) {
      throw ProviderErrorClassifier.networkFailure(e);
    } catch (IOException e) {
      throw ProviderErrorClassifier.truncatedResponse(response.code(), e);
    }
  }

  private <T> T read(Response response, ResponseMapper<T> mapper) {
    int status = response.code();
    RateLimitStatus rateLimits = RateLimitHeaders.read(response.headers(), clock);
    byte[] raw = successBody(response, rateLimits);
    JsonNode json = JsonBodies.parseOrNull(raw);
    if (json == null) {
      throw ProviderErrorClassifier.malformedResponse(status, "not JSON: " + scrubber.scrub(snippet(raw)));
    }
    return mapper.map(status, json, rateLimits);
  }

  /** The body of a 2xx response; any other status becomes the provider's error. */
  private byte[] successBody(Response response, RateLimitStatus rateLimits) {
    byte[] raw = readBody(response);
    if (!response.isSuccessful()) {
      JsonNode json = JsonBodies.parseOrNull(raw);
      ErrorDetail detail = json == null ? new ErrorDetail(null, snippet(raw)) : errors.read(json);
      throw ProviderErrorClassifier.httpError(response.code(), detail.type(), scrubber.scrub(detail.message()),
          RetryAfter.fromHeaders(response.headers(), clock).orElse(null), rateLimits);
    }
    return raw;
  }

  private static byte[] readBody(Response response) {
    ResponseBody body = response.body();
    try {
      return body == null ? new byte[0] : body.bytes();
    } catch (InterruptedIOException e) {
      throw ProviderErrorClassifier.networkFailure(e);
    } catch (IOException e) {
      throw ProviderErrorClassifier.truncatedResponse(response.code(), e);
    }
  }

  private static String snippet(byte[] raw) {
    String text = new String(raw, 0, Math.min(raw.length, SNIPPET_LENGTH), StandardCharsets.UTF_8);
    return text.isBlank() ? "empty body" : text.strip();
  }
}
