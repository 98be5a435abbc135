package dev.sluice.workers.provider.openai;

import static dev.sluice.workers.provider.Calls.message;
import static dev.sluice.workers.simulator.Tokenizers.O200K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.HttpClients;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.ProviderException;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.batch.BatchItemResult.Cancelled;
import dev.sluice.workers.provider.batch.BatchItemResult.Expired;
import dev.sluice.workers.provider.batch.BatchItemResult.Failed;
import dev.sluice.workers.provider.batch.BatchItemResult.Succeeded;
import dev.sluice.workers.provider.batch.BatchLimits;
import dev.sluice.workers.provider.batch.BatchLine;
import dev.sluice.workers.provider.batch.BatchState;
import dev.sluice.workers.provider.batch.BatchStatus;
import dev.sluice.workers.simulator.BatchBehaviour;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiBatchApiTest {
  private static final String MODEL = "gpt-4o-mini";
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @BeforeEach
  void reset() {
    sim.resetCalls();
    sim.batchBehaviour(BatchBehaviour.fast());
  }

  @Test
  void runsAJobThroughValidatingAndInProgressAndMapsEveryAnswerBackToItsLine() {
    sim.batchBehaviour(new BatchBehaviour(Duration.ofMillis(300), Duration.ofMillis(1500), 0, null));
    OpenAiBatchApi api = api("sk-batch-test");

    BatchStatus submitted = api.submit(lines(20));
    List<BatchState> seen = Collections.synchronizedList(new ArrayList<>(List.of(submitted.state())));
    BatchStatus ended = awaitEnded(api, submitted.providerBatchId(), seen);

    assertThat(submitted.providerBatchId()).startsWith("batch_");
    assertThat(submitted.state()).isEqualTo(BatchState.VALIDATING);
    assertThat(seen).containsSubsequence(BatchState.VALIDATING, BatchState.IN_PROGRESS, BatchState.ENDED);
    assertThat(ended).isEqualTo(new BatchStatus(submitted.providerBatchId(), BatchState.ENDED, 20, 20, 0,
        ended.outputRef(), null));
    assertThat(ended.outputRef()).startsWith("file-");
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));
    assertThat(results).hasSize(20);
    for (int i = 0; i < 20; i++) {
      String question = "Question number " + i + "?";
      String content = "This is a simulated reply from " + MODEL + " to: " + question;
      int prompt = 3 + 3 + O200K.countTokens("user") + O200K.countTokens(question);
      assertThat(results.get("line-" + i)).isEqualTo(new Succeeded("line-" + i,
          new ChatCompletion(content, "stop", prompt, O200K.countTokens(content), 200, MODEL)));
    }
    assertThat(sim.calls(ProviderSimulator.OPENAI_FILES_PATH)).isEqualTo(2);
  }

  @Test
  void reportsEveryTenthLineAsTheRetryableServerErrorTheProviderGaveIt() {
    sim.batchBehaviour(BatchBehaviour.fast().withErrorEvery(10));
    OpenAiBatchApi api = api("k");

    BatchStatus ended = awaitEnded(api, api.submit(lines(20)).providerBatchId(), new ArrayList<>());
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));

    assertThat(ended.state()).isEqualTo(BatchState.ENDED);
    assertThat(ended.succeeded()).isEqualTo(18);
    assertThat(ended.failed()).isEqualTo(2);
    assertThat(ended.errorRef()).startsWith("file-");
    assertThat(results).hasSize(20);
    assertThat(results.values()).filteredOn(Failed.class::isInstance)
        .extracting(BatchItemResult::customId).containsExactlyInAnyOrder("line-9", "line-19");
    Failed failed = (Failed) results.get("line-9");
    assertThat(failed.httpStatus()).isEqualTo(500);
    assertThat(failed.errorType()).isEqualTo("server_error");
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message()).isEqualTo(
        "HTTP 500 server_error: The server had an error while processing your request. Sorry about that!");
    assertThat(results.values()).filteredOn(Succeeded.class::isInstance).hasSize(18);
  }

  @Test
  void reportsTheLinesAJobDidNotReachBeforeItExpiredAsExpired() {
    sim.batchBehaviour(new BatchBehaviour(Duration.ofMillis(50), Duration.ofMillis(1000), 0, Duration.ofMillis(500)));
    OpenAiBatchApi api = api("k");

    BatchStatus ended = awaitEnded(api, api.submit(lines(10)).providerBatchId(), new ArrayList<>());
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));

    // Line i finishes at 100 ms * (i + 1): lines 0 to 3 before the expiry at 500 ms.
    assertThat(ended.state()).isEqualTo(BatchState.EXPIRED);
    assertThat(ended.succeeded()).isEqualTo(4);
    assertThat(ended.failed()).isEqualTo(6);
    assertThat(results.values()).filteredOn(Succeeded.class::isInstance).extracting(BatchItemResult::customId)
        .containsExactlyInAnyOrder("line-0", "line-1", "line-2", "line-3");
    assertThat(results.values()).filteredOn(Expired.class::isInstance).extracting(BatchItemResult::customId)
        .containsExactlyInAnyOrder("line-4", "line-5", "line-6", "line-7", "line-8", "line-9");
  }

  @Test
  void cancelsAJobAndReportsTheLinesItHadNotReachedAsCancelled() {
    sim.batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofSeconds(6)));
    OpenAiBatchApi api = api("k");
    String id = api.submit(lines(10)).providerBatchId();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> api.status(id).succeeded() >= 2);

    BatchStatus cancelling = api.cancel(id);
    BatchStatus ended = awaitEnded(api, id, new ArrayList<>());
    List<BatchItemResult> results = api.results(ended);

    assertThat(cancelling.state()).isEqualTo(BatchState.CANCELLING);
    assertThat(ended.state()).isEqualTo(BatchState.CANCELLED);
    assertThat(ended.succeeded()).isBetween(2, 9);
    assertThat(results).hasSize(10);
    List<String> answered = results.stream().filter(Succeeded.class::isInstance).map(BatchItemResult::customId).toList();
    assertThat(answered).hasSize(ended.succeeded())
        .containsExactlyInAnyOrderElementsOf(customIds(0, ended.succeeded()));
    assertThat(results).filteredOn(Cancelled.class::isInstance).extracting(BatchItemResult::customId)
        .containsExactlyInAnyOrderElementsOf(customIds(ended.succeeded(), 10));
    assertThat(api.cancel(id).state()).isEqualTo(BatchState.CANCELLED);
  }

  @Test
  void returnsTheEndStateWhenTheJobEndedBeforeTheCancel() {
    OpenAiBatchApi api = api("k");
    BatchStatus ended = awaitEnded(api, api.submit(lines(2)).providerBatchId(), new ArrayList<>());

    assertThat(api.cancel(ended.providerBatchId())).isEqualTo(ended);
  }

  @Test
  void reportsAJobWhoseFileOpenAiRefusedAsFailedWithNoResults() {
    OpenAiBatchApi api = api("k");
    OpenAiBatchEndpoints endpoints = endpoints();
    String line = new String(OpenAiBatchFile.jsonl(lines(1), TokenLimitField.MAX_COMPLETION_TOKENS,
        BatchLimits.OPENAI), StandardCharsets.UTF_8);
    String fileId = endpoints.upload((line + line).getBytes(StandardCharsets.UTF_8));

    BatchStatus failed = awaitEnded(api, endpoints.create(fileId, "24h").providerBatchId(), new ArrayList<>());

    assertThat(failed.state()).isEqualTo(BatchState.FAILED);
    assertThat(failed.total()).isZero();
    assertThat(api.results(failed)).isEmpty();
  }

  @Test
  void surfacesTheProvidersRefusalToCreateABatchAsAFinalError() {
    OpenAiBatchApi api = api("k");
    OpenAiBatchEndpoints endpoints = endpoints();
    String fileId = endpoints.upload(OpenAiBatchFile.jsonl(lines(1), TokenLimitField.MAX_COMPLETION_TOKENS,
        BatchLimits.OPENAI));
    BatchStatus ended = awaitEnded(api, endpoints.create(fileId, "24h").providerBatchId(), new ArrayList<>());

    ProviderException badWindow = refusal(() -> endpoints.create(fileId, "48h"));
    ProviderException unknownFile = refusal(() -> endpoints.create("file-missing", "24h"));
    ProviderException outputFile = refusal(() -> endpoints.create(ended.outputRef(), "24h"));
    ProviderException unknownBatch = refusal(() -> api.status("batch_missing"));

    assertThat(List.of(badWindow, unknownFile, outputFile)).extracting(ProviderException::httpStatus).containsOnly(400);
    assertThat(List.of(badWindow, unknownFile, outputFile, unknownBatch))
        .extracting(ProviderException::retryable).containsOnly(false);
    assertThat(badWindow.errorType()).isEqualTo("invalid_value");
    assertThat(badWindow.getMessage()).isEqualTo(
        "HTTP 400 invalid_value: Invalid value: '48h'. Supported values are: '24h'.");
    assertThat(unknownFile.getMessage()).contains("Cannot find file file-missing");
    assertThat(outputFile.getMessage()).contains("purpose 'batch_output'");
    assertThat(unknownBatch.httpStatus()).isEqualTo(404);
    assertThat(unknownBatch.getMessage()).contains("No such Batch object: batch_missing");
  }

  @Test
  void refusesACallWithoutAKeyAsTheProviderDoes() {
    ProviderException error = refusal(() -> api(null).submit(lines(1)));

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.retryable()).isFalse();
  }

  @Test
  void enforcesOpenAisLimitsBeforeAnyCall() {
    OpenAiBatchApi api = api("k");
    List<BatchLine> mixed = new ArrayList<>(lines(3));
    mixed.set(2, new BatchLine("other", ChatCall.of("gpt-4o", List.of(message("user", "Hi")))));
    List<BatchLine> repeated = List.of(lines(1).get(0), lines(1).get(0));
    OpenAiBatchApi small = new OpenAiBatchApi(client(), endpoint("k"), TokenLimitField.MAX_COMPLETION_TOKENS,
        Clock.systemUTC(), new BatchLimits(10, 500));

    assertThat(api.limits()).isEqualTo(BatchLimits.OPENAI);
    assertThatThrownBy(() -> api.submit(lines(50_001))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lines holds 50001 requests, but an OpenAI batch may hold at most 50000");
    assertThatThrownBy(() -> api.submit(mixed)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lines[2] calls model 'gpt-4o', but lines[0] calls 'gpt-4o-mini': "
            + "an OpenAI batch holds requests for one model only");
    assertThatThrownBy(() -> api.submit(repeated)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lines[1] repeats the customId 'line-0'");
    assertThatThrownBy(() -> api.submit(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> small.submit(lines(5))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("the batch input file for 5 lines is \\d+ bytes, "
            + "but an OpenAI batch input file may have at most 500");
    assertThat(sim.counters().total()).isZero();
  }

  @Test
  void refusesToReadTheResultsOfAJobThatRuns() {
    BatchStatus running = new BatchStatus("batch_x", BatchState.IN_PROGRESS, 1, 0, 0, null, null);

    assertThatThrownBy(() -> api("k").results(running)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch batch_x is IN_PROGRESS; results can be read once it has ended");
  }

  private static List<BatchLine> lines(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new BatchLine("line-" + i, new ChatCall(MODEL,
            List.of(message("user", "Question number " + i + "?")), 200, null, null)))
        .toList();
  }

  private static List<String> customIds(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "line-" + i).toList();
  }

  private static BatchStatus awaitEnded(OpenAiBatchApi api, String id, List<BatchState> seen) {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          BatchStatus status = api.status(id);
          seen.add(status.state());
          return status;
        }, status -> status.state().ended());
  }

  private static Map<String, BatchItemResult> byCustomId(List<BatchItemResult> results) {
    return results.stream().collect(Collectors.toMap(BatchItemResult::customId, Function.identity()));
  }

  private static ProviderException refusal(Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      return e;
    }
    throw new AssertionError("expected a ProviderException");
  }

  private static OkHttpClient client() {
    return HttpClients.forEndpoint(HttpClients.shared(), Duration.ofSeconds(10));
  }

  private static ProviderEndpoint endpoint(String apiKey) {
    return new ProviderEndpoint("openai", sim.apiBaseUrl(), apiKey, Duration.ofSeconds(10));
  }

  private static OpenAiBatchApi api(String apiKey) {
    return new OpenAiBatchApi(client(), endpoint(apiKey), TokenLimitField.MAX_COMPLETION_TOKENS, Clock.systemUTC());
  }

  private static OpenAiBatchEndpoints endpoints() {
    return new OpenAiBatchEndpoints(client(), endpoint("k"), Clock.systemUTC());
  }
}
