package dev.sluice.router.stage;

import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static dev.sluice.router.fixtures.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.FixedReplyTopicDirectory;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.LlmRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks alone, at their boundaries; the end-to-end replies are in RouterRejectionTest. */
class ValidateProcessorTest {
  private final ValidateProcessor validate = new ValidateProcessor(Fixtures.config(),
      new ReplyTopics(FixedReplyTopicDirectory.of(APP_REPLIES)), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void validRequestPasses() {
    assertThat(check(Fixtures.request("req-1"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void maxTokensAtTheLimitsPasses(int maxTokens) {
    assertThat(check(Fixtures.request("req-1").setMaxTokens(maxTokens))).isEmpty();
  }

  @Test
  void maxTokensOneOverTheLimitFails() {
    assertThat(check(Fixtures.request("req-1").setMaxTokens(4097))).get()
        .extracting(Rejection::message).isEqualTo("max_tokens must be between 1 and 4096, but was 4097");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 2.0})
  void temperatureAtTheLimitsPasses(double temperature) {
    assertThat(check(Fixtures.request("req-1").setTemperature(temperature))).isEmpty();
  }

  @Test
  void temperatureNotANumberFails() {
    assertThat(check(Fixtures.request("req-1").setTemperature(Double.NaN))).get()
        .extracting(Rejection::param).isEqualTo("temperature");
  }

  @Test
  void promptOfExactlyTheLimitPassesAndOneMoreFails() {
    assertThat(check(Fixtures.request("req-1").setMessages(List.of(message("user", "é".repeat(1000)))))).isEmpty();
    assertThat(check(Fixtures.request("req-1").setMessages(List.of(message("user", "é".repeat(1001)))))).get()
        .extracting(Rejection::message)
        .isEqualTo("the prompt has 1001 characters over all messages, more than the limit of 1000");
  }

  @Test
  void messageCountAtTheLimitPasses() {
    assertThat(check(Fixtures.request("req-1")
        .setMessages(new ArrayList<>(Collections.nCopies(5, message("user", "hi")))))).isEmpty();
  }

  @Test
  void everyRoleOfTheContractPasses() {
    List<String> roles = List.of("system", "developer", "user", "assistant", "tool");
    assertThat(check(Fixtures.request("req-1").setMessages(roles.stream().map(r -> message(r, "x")).toList())))
        .isEmpty();
  }

  @Test
  void configuredProviderModelPassesAndItsNameMayContainASlash() {
    assertThat(check(Fixtures.request("req-1").setModel("openai/gpt-4o-mini"))).isEmpty();
    assertThat(check(Fixtures.request("req-1").setModel("together/meta-llama/Llama-3-70b"))).isEmpty();
  }

  @Test
  void blankModelListsTheKnownRoutes() {
    assertThat(check(Fixtures.request("req-1").setModel(""))).get().extracting(Rejection::message)
        .isEqualTo("model is required: a route alias (known routes: [cheap, smart]) or provider/model");
  }

  @Test
  void parametersJsonWithTrailingTextFails() {
    assertThat(check(Fixtures.request("req-1").setParametersJson("{\"seed\":1} x"))).get()
        .extracting(Rejection::param).isEqualTo("parameters_json");
  }

  @Test
  void deadlineExactlyNowHasPassedAndOneMillisecondLaterHasNot() {
    assertThat(check(Fixtures.request("req-1").setDeadline(NOW))).get()
        .extracting(Rejection::code).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    assertThat(check(Fixtures.request("req-1").setDeadline(NOW.plusMillis(1)))).isEmpty();
  }

  @Test
  void replyTopicIsCheckedFirstAndItsRejectionGoesToTheDefaultTopic() {
    Optional<Rejection> rejection = check(Fixtures.request("req-1").setReplyTopic("  ").setModel("gpt-9"));

    assertThat(rejection).get().extracting(Rejection::param).isEqualTo("reply_topic");
    assertThat(rejection.get().replyTopic()).isEqualTo(TopicNames.REPLIES);
  }

  @Test
  void replyTopicIsCheckedBeforeTheRequestIdSoNoRejectionGoesToAMissingTopic() {
    Optional<Rejection> rejection = check(Fixtures.request("").setReplyTopic("app.gone"));

    assertThat(rejection).get().extracting(Rejection::param).isEqualTo("reply_topic");
    assertThat(rejection.get().replyTopic()).isEqualTo(TopicNames.REPLIES);
  }

  @Test
  void laterRejectionsGoToTheRequestsReplyTopic() {
    assertThat(check(Fixtures.request("req-1").setReplyTopic(APP_REPLIES).setModel("gpt-9"))).get()
        .extracting(Rejection::replyTopic).isEqualTo(APP_REPLIES);
  }

  @Test
  void processorForwardsValidRequestsToAuthenticateAndRejectionsToReject() {
    MockProcessorContext<String, InFlight> context = new MockProcessorContext<>();
    validate.init(context);
    Inbound valid = inbound(Fixtures.request("req-1"));
    Inbound invalid = inbound(Fixtures.request("req-2").setMaxTokens(0));

    validate.process(new Record<>("req-1", valid, SENT.toEpochMilli()));
    validate.process(new Record<>("req-2", invalid, SENT.toEpochMilli()));

    assertThat(context.forwarded(Nodes.AUTHENTICATE)).hasSize(1);
    assertThat(context.forwarded(Nodes.AUTHENTICATE).get(0).record().value()).isSameAs(valid);
    assertThat(context.forwarded(Nodes.REJECT)).hasSize(1);
    assertThat(context.forwarded(Nodes.REJECT).get(0).record().value())
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.requestId()).isEqualTo("req-2"));
  }

  private Optional<Rejection> check(LlmRequest.Builder request) {
    return validate.check(inbound(request), NOW);
  }

  private static Inbound inbound(LlmRequest.Builder request) {
    return Inbound.of(request.build(), "llm.requests-0-5", SENT);
  }
}
