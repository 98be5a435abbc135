package dev.sluice.workers.provider.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.batch.BatchApi;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.batch.BatchLimits;
import dev.sluice.workers.provider.batch.BatchLine;
import dev.sluice.workers.provider.batch.BatchStatus;
import dev.sluice.workers.provider.internal.JsonBodies;
import dev.sluice.workers.provider.internal.ProviderHttp;
import dev.sluice.workers.provider.internal.SecretScrubber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Anthropic's Message Batches API (https://docs.anthropic.com/en/api/creating-message-batches)
 * behind {@link BatchApi}. The requests go inline in the creation call, each {@code params} body
 * made as {@link AnthropicMessagesAdapter} makes its request; results are read from the batch's
 * {@code results_url}, as the API asks, with the same headers.
 */
public final class AnthropicBatchApi implements BatchApi {

  private final HttpUrl batchesUrl;
  private final Headers headers;
  private final ProviderHttp http;
  private final SecretScrubber scrubber;
  private final BatchLimits limits;

  /**
   * @param client a client whose timeouts suit whole result files (see {@code HttpClients.forEndpoint})
   * @param clock  reads {@code Retry-After} dates against it
   */
  public AnthropicBatchApi(OkHttpClient client, ProviderEndpoint endpoint, Clock clock) {
    this(client, endpoint, clock, BatchLimits.ANTHROPIC);
  }

  /** With other limits than Anthropic's, to exercise them without building a 256 MB batch. */
  AnthropicBatchApi(OkHttpClient client, ProviderEndpoint endpoint, Clock clock, BatchLimits limits) {
    this.batchesUrl = endpoint.url("/messages/batches");
    this.headers = AnthropicMessagesAdapter.headers(endpoint);
    this.http = AnthropicMessagesAdapter.http(client, endpoint, clock);
    this.scrubber = new SecretScrubber(endpoint.apiKey());
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  /**
   * Creates the batch. Empty batches and duplicate custom ids are left to the API, which refuses
   * them with a 400.
   *
   * @throws IllegalArgumentException when the lines or their body exceed {@link #limits()}; nothing is sent
   */
  @Override
  public BatchStatus submit(List<BatchLine> lines) {
    if (lines.size() > limits.maxRequests()) {
      throw new IllegalArgumentException("lines: " + lines.size() + " requests, but a batch may hold at most "
          + limits.maxRequests());
    }
    ObjectNode body = JsonBodies.newObject();
    ArrayNode requests = body.putArray("requests");
    for (BatchLine line : lines) {
      requests.addObject().put("custom_id", line.customId()).set("params", AnthropicRequestMapper.toBody(line.call()));
    }
    byte[] bytes = JsonBodies.toBytes(body);
    if (bytes.length > limits.maxBytes()) {
      throw new IllegalArgumentException("lines: the batch's request body is " + bytes.length
          + " bytes, but may be at most " + limits.maxBytes());
    }
    return http.postBlocking(batchesUrl, headers, bytes, AnthropicBatchMapper::toStatus);
  }

  // https://docs.anthropic.com/en/api/retrieving-message-batches
  @Override
  public BatchStatus status(String providerBatchId) {
    return http.getBlocking(batchUrl(providerBatchId).build(), headers, AnthropicBatchMapper::toStatus);
  }

  // https://docs.anthropic.com/en/api/canceling-message-batches
  @Override
  public BatchStatus cancel(String providerBatchId) {
    HttpUrl url = batchUrl(providerBatchId).addPathSegment("cancel").build();
    return http.postBlocking(url, headers, new byte[0], AnthropicBatchMapper::toStatus);
  }

  /**
   * Reads the results file, one result per line.
   *
   * @throws IllegalArgumentException when {@code ended} has not ended or carries no readable results_url
   */
  @Override
  public List<BatchItemResult> results(BatchStatus ended) {
    if (!ended.state().ended()) {
      throw new IllegalArgumentException("ended: batch " + ended.providerBatchId() + " is " + ended.state()
          + "; its results can be read once it has ended");
    }
    HttpUrl resultsUrl = ended.outputRef() == null ? null : HttpUrl.parse(ended.outputRef());
    if (resultsUrl == null) {
      throw new IllegalArgumentException("ended: batch " + ended.providerBatchId()
          + " has no http(s) results_url but '" + ended.outputRef() + "'");
    }
    return http.getStreaming(resultsUrl, headers, (status, source) -> {
      List<BatchItemResult> results = new ArrayList<>();
      for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
        if (!line.isBlank()) {
          results.add(AnthropicBatchMapper.toResult(status, JsonBodies.parseObject(line, "results line"), scrubber));
        }
      }
      return results;
    });
  }

  private HttpUrl.Builder batchUrl(String providerBatchId) {
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    return batchesUrl.newBuilder().addPathSegment(providerBatchId);
  }
}
