package dev.sluice.workers.provider.anthropic;

import static dev.sluice.workers.provider.Calls.await;
import static dev.sluice.workers.provider.Calls.message;
import static dev.sluice.workers.simulator.Tokenizers.CL100K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.HttpClients;
import dev.sluice.workers.provider.ProviderAdapterFactory;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AnthropicBatchApiTest {
  private static final String KEY = "sk-ant-test-key-0000";
  private static final String MODEL = "claude-sonnet-4-5";
  private static final int LINES = 20;

  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  private final AtomicInteger httpCalls = new AtomicInteger();
  private final OkHttpClient client = HttpClients.forEndpoint(HttpClients.shared(), Duration.ofSeconds(10))
      .newBuilder()
      .addInterceptor(chain -> {
        httpCalls.incrementAndGet();
        return chain.proceed(chain.request());
      })
      .build();
  private final ProviderEndpoint endpoint =
      new ProviderEndpoint("anthropic", sim.apiBaseUrl(), KEY, Duration.ofSeconds(10));
  private final AnthropicBatchApi api = new AnthropicBatchApi(client, endpoint, Clock.systemUTC());

  private static ChatCall question(int i) {
    return ChatCall.of(MODEL, List.of(message("system", "Be brief."), message("user", "Question " + i)));
  }

  private static List<BatchLine> lines(int count) {
    return IntStream.range(0, count).mapToObj(i -> new BatchLine("line-" + i, question(i))).toList();
  }

  private BatchStatus awaitEnd(BatchStatus submitted) {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
        .until(() -> api.status(submitted.providerBatchId()), status -> status.state().ended());
  }

  private static Map<String, BatchItemResult> byCustomId(List<BatchItemResult> results) {
    return results.stream().collect(Collectors.toMap(BatchItemResult::customId, Function.identity()));
  }

  @Test
  void runsABatchToItsEndAndMapsEveryResultBackToItsLine() throws Exception {
    sim.batchBehaviour(new BatchBehaviour(Duration.ofMillis(50), Duration.ofMillis(600), 0, null));

    BatchStatus submitted = api.submit(lines(LINES));

    assertThat(submitted.providerBatchId()).startsWith("msgbatch_");
    assertThat(submitted).isEqualTo(new BatchStatus(submitted.providerBatchId(), BatchState.IN_PROGRESS,
        LINES, 0, 0, null, null));
    BatchStatus ended = awaitEnd(submitted);
    String resultsUrl = sim.apiBaseUrl() + "/messages/batches/" + submitted.providerBatchId() + "/results";
    assertThat(ended).isEqualTo(new BatchStatus(submitted.providerBatchId(), BatchState.ENDED,
        LINES, LINES, 0, resultsUrl, null));
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));
    assertThat(results).hasSize(LINES);
    var realtime = new ProviderAdapterFactory().create(endpoint);
    for (int i = 0; i < LINES; i++) {
      String expectedText = "This is a simulated reply from " + MODEL + " to: Question " + i;
      int expectedInput = CL100K.countTokens("Be brief.") + 3 + CL100K.countTokens("Question " + i);
      ChatCompletion expected = new ChatCompletion(expectedText, "stop", expectedInput,
          CL100K.countTokens(expectedText), 200, MODEL);
      assertThat(results.get("line-" + i)).isEqualTo(new Succeeded("line-" + i, expected));
      assertThat(await(realtime.complete(question(i)))).isEqualTo(expected);
    }
  }

  @Test
  void everyTenthLineFailsRetryablyWithTheProvidersError() {
    sim.batchBehaviour(new BatchBehaviour(Duration.ZERO, Duration.ofMillis(400), 10, null));

    BatchStatus ended = awaitEnd(api.submit(lines(LINES)));

    assertThat(ended.succeeded()).isEqualTo(18);
    assertThat(ended.failed()).isEqualTo(2);
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));
    List<BatchItemResult> failed = results.values().stream().filter(Failed.class::isInstance).toList();
    assertThat(failed).containsExactlyInAnyOrder(
        new Failed("line-9", 0, "api_error", "Internal server error (simulated).", true),
        new Failed("line-19", 0, "api_error", "Internal server error (simulated).", true));
    assertThat(results.values()).filteredOn(Succeeded.class::isInstance).hasSize(18);
  }

  @Test
  void aRequestTheMessagesApiRefusesFailsAloneAndFinally() {
    sim.batchBehaviour(new BatchBehaviour(Duration.ZERO, Duration.ofMillis(200), 0, null));
    // With only a system message there is no turn to send; the Messages API refuses an empty list.
    BatchLine systemOnly = new BatchLine("system-only", ChatCall.of(MODEL, List.of(message("system", "Be brief."))));

    BatchStatus ended = awaitEnd(api.submit(List.of(new BatchLine("fine", question(1)), systemOnly)));

    assertThat(ended.state()).isEqualTo(BatchState.ENDED);
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));
    assertThat(results.get("fine")).isInstanceOf(Succeeded.class);
    assertThat(results.get("system-only"))
        .isEqualTo(new Failed("system-only", 0, "invalid_request_error", "messages: Field required", false));
  }

  @Test
  void anExpiringBatchExpiresTheLinesItDidNotReach() {
    // 20 lines finish 50 ms apart; the job expires at 500 ms, when the tenth would have finished.
    sim.batchBehaviour(new BatchBehaviour(Duration.ZERO, Duration.ofMillis(1000), 0, Duration.ofMillis(500)));

    BatchStatus ended = awaitEnd(api.submit(lines(LINES)));

    assertThat(ended.state()).isEqualTo(BatchState.ENDED);
    assertThat(ended.succeeded()).isEqualTo(9);
    assertThat(ended.failed()).isEqualTo(11);
    Map<String, BatchItemResult> results = byCustomId(api.results(ended));
    for (int i = 0; i < LINES; i++) {
      assertThat(results.get("line-" + i)).as("line-" + i).isInstanceOf(i < 9 ? Succeeded.class : Expired.class);
    }
  }

  @Test
  void aCancelledBatchReportsItsUnfinishedLinesAsCancelled() {
    // The first line would finish only after 30 s: the cancel comes long before.
    sim.batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofMinutes(10)));
    BatchStatus submitted = api.submit(lines(LINES));

    BatchStatus cancelling = api.cancel(submitted.providerBatchId());

    assertThat(cancelling.state()).isEqualTo(BatchState.CANCELLING);
    assertThat(cancelling.outputRef()).isNull();
    BatchStatus ended = awaitEnd(submitted);
    assertThat(ended.succeeded()).isZero();
    assertThat(ended.failed()).isEqualTo(LINES);
    assertThat(api.results(ended)).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, LINES).mapToObj(i -> (BatchItemResult) new Cancelled("line-" + i)).toList());
  }

  @Test
  void creationErrorsAreTheProvidersFinal400() {
    ProviderException empty = catchThrowableOfType(ProviderException.class, () -> api.submit(List.of()));
    ProviderException duplicate = catchThrowableOfType(ProviderException.class, () -> api.submit(List.of(
        new BatchLine("same", question(1)), new BatchLine("same", question(2)))));

    assertThat(empty.httpStatus()).isEqualTo(400);
    assertThat(empty.retryable()).isFalse();
    assertThat(empty.errorType()).isEqualTo("invalid_request_error");
    assertThat(empty.getMessage()).isEqualTo(
        "HTTP 400 invalid_request_error: requests: List should have at least 1 item after validation, not 0");
    assertThat(duplicate.httpStatus()).isEqualTo(400);
    assertThat(duplicate.retryable()).isFalse();
    assertThat(duplicate.getMessage()).contains("Duplicate custom_id 'same'");
  }

  @Test
  void resultsAreRefusedBeforeTheEnd() {
    sim.batchBehaviour(BatchBehaviour.fast().withCompletion(Duration.ofMinutes(10)));
    BatchStatus running = api.submit(lines(2));
    int callsSoFar = httpCalls.get();

    assertThatThrownBy(() -> api.results(running))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ended: batch " + running.providerBatchId() + " is IN_PROGRESS; its results can be read once it has ended");
    assertThat(httpCalls.get()).isEqualTo(callsSoFar);

    // A status that claims the end does not fool the provider.
    String resultsUrl = sim.apiBaseUrl() + "/messages/batches/" + running.providerBatchId() + "/results";
    BatchStatus claimed = new BatchStatus(running.providerBatchId(), BatchState.ENDED, 2, 0, 0, resultsUrl, null);
    ProviderException refused = catchThrowableOfType(ProviderException.class, () -> api.results(claimed));
    assertThat(refused.httpStatus()).isEqualTo(400);
    assertThat(refused.retryable()).isFalse();
    assertThat(refused.getMessage()).contains("has not ended");
  }

  @Test
  void limitsAreEnforcedBeforeAnyCall() {
    assertThat(api.limits()).isEqualTo(BatchLimits.ANTHROPIC);
    List<BatchLine> tooMany = Collections.nCopies(100_001, new BatchLine("same", question(1)));
    AnthropicBatchApi small = new AnthropicBatchApi(client, endpoint, Clock.systemUTC(), new BatchLimits(10, 200));

    assertThatThrownBy(() -> api.submit(tooMany))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lines: 100001 requests, but a batch may hold at most 100000");
    assertThatThrownBy(() -> small.submit(lines(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("lines: the batch's request body is \\d{3} bytes, but may be at most 200");
    assertThat(small.limits()).isEqualTo(new BatchLimits(10, 200));
    assertThat(httpCalls.get()).isZero();
  }

  @Test
  void theKeyNeverAppearsInAnError() {
    // The simulator names the unknown id in its 404, as the API does: here the id is the key.
    ProviderException notFound = catchThrowableOfType(ProviderException.class, () -> api.status(KEY));

    assertThat(notFound.httpStatus()).isEqualTo(404);
    assertThat(notFound.errorType()).isEqualTo("not_found_error");
    assertThat(notFound.getMessage()).doesNotContain(KEY).contains("[redacted]");
  }

  @Test
  void noResponseIsARetryableNetworkFailure() {
    ProviderSimulator closed = ProviderSimulator.start(SimulatorConfig.defaults());
    closed.close();
    ProviderEndpoint gone = new ProviderEndpoint("anthropic", closed.apiBaseUrl(), KEY, Duration.ofSeconds(5));

    ProviderException failure = catchThrowableOfType(ProviderException.class,
        () -> new AnthropicBatchApi(client, gone, Clock.systemUTC()).status("msgbatch_x"));

    assertThat(failure.httpStatus()).isEqualTo(ProviderException.NO_HTTP_STATUS);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.errorType()).isEqualTo("connection_refused");
  }
}
