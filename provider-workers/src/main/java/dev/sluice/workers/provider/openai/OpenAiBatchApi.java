package dev.sluice.workers.provider.openai;

import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.batch.BatchApi;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.batch.BatchLimits;
import dev.sluice.workers.provider.batch.BatchLine;
import dev.sluice.workers.provider.batch.BatchStatus;
import dev.sluice.workers.provider.internal.SecretScrubber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * OpenAI's Batch API (https://platform.openai.com/docs/api-reference/batch) behind {@link BatchApi}:
 * a job is a JSONL file of chat completions requests uploaded with the Files API (purpose
 * {@code batch}), then a batch over it with the {@code 24h} completion window; its results are
 * read from the batch's output file (answered requests) and error file (everything else).
 */
public final class OpenAiBatchApi implements BatchApi {

  /** OpenAI refuses to cancel an ended batch with this status. */
  private static final int CONFLICT = 409;

  private final OpenAiBatchEndpoints endpoints;
  private final OpenAiBatchResults results;
  private final TokenLimitField tokenLimitField;
  private final BatchLimits limits;

  /**
   * @param client          a client whose timeouts allow uploading and downloading whole files
   * @param tokenLimitField the field that carries each call's token limit in its request body
   * @param clock           reads {@code Retry-After} dates in error responses against it
   */
  public OpenAiBatchApi(OkHttpClient client, ProviderEndpoint endpoint, TokenLimitField tokenLimitField, Clock clock) {
    this(client, endpoint, tokenLimitField, clock, BatchLimits.OPENAI);
  }

  /** With other limits than OpenAI's, for a compatible server that has its own. */
  OpenAiBatchApi(OkHttpClient client, ProviderEndpoint endpoint, TokenLimitField tokenLimitField, Clock clock,
      BatchLimits limits) {
    this.endpoints = new OpenAiBatchEndpoints(client, endpoint, clock);
    this.results = new OpenAiBatchResults(new SecretScrubber(endpoint.apiKey()));
    this.tokenLimitField = Objects.requireNonNull(tokenLimitField, "tokenLimitField");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  /**
   * @throws IllegalArgumentException before any call, when the lines break OpenAI's rules for one
   *     batch (see {@link #limits()}; one model; unique custom ids)
   */
  @Override
  public BatchStatus submit(List<BatchLine> lines) {
    byte[] file = OpenAiBatchFile.jsonl(lines, tokenLimitField, limits);
    return endpoints.create(endpoints.upload(file), OpenAiBatchEndpoints.COMPLETION_WINDOW);
  }

  @Override
  public BatchStatus status(String providerBatchId) {
    return endpoints.batch(providerBatchId);
  }

  /** A batch that ended before the cancel arrived keeps its end state, which is returned. */
  @Override
  public BatchStatus cancel(String providerBatchId) {
    try {
      return endpoints.cancel(providerBatchId);
    } catch (ProviderException e) {
      if (e.httpStatus() == CONFLICT) {
        BatchStatus now = endpoints.batch(providerBatchId);
        if (now.state().ended()) {
          return now;
        }
      }
      throw e;
    }
  }

  /** @throws IllegalArgumentException when {@code ended} is not the status of an ended job */
  @Override
  public List<BatchItemResult> results(BatchStatus ended) {
    if (!ended.state().ended()) {
      throw new IllegalArgumentException("batch " + ended.providerBatchId() + " is " + ended.state()
          + "; results can be read once it has ended");
    }
    List<BatchItemResult> all = new ArrayList<>(ended.total());
    for (String fileId : new String[] {ended.outputRef(), ended.errorRef()}) {
      if (fileId != null) {
        all.addAll(results.read(fileId, endpoints.content(fileId)));
      }
    }
    return all;
  }
}
