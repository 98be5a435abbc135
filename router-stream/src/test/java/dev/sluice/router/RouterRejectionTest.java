package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.ALPHA_KEY;
import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static dev.sluice.router.fixtures.Fixtures.BETA_KEY;
import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.PROMPT;
import static dev.sluice.router.fixtures.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.router.stage.PromptDigest;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ErrorInfo;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejection, end to end: exactly one typed error reply on the right topic, exactly one
 * audit event with the code as its outcome and no prompt text, and nothing dispatched.
 */
class RouterRejectionTest {
  @TempDir
  Path stateDir;

  private RouterDriver router;

  @BeforeEach
  void start() {
    router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(APP_REPLIES), stateDir);
  }

  @AfterEach
  void stop() {
    router.close();
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        rejected("unknown key", r -> r.setVirtualKey("sk-sluice-nobody-0000000000"),
            ErrorCode.UNAUTHORIZED, "virtual_key", "the virtual key is not valid"),
        rejected("missing key", r -> r.setVirtualKey(null),
            ErrorCode.UNAUTHORIZED, "virtual_key", "a virtual key is required"),
        rejected("unknown model", r -> r.setModel("gpt-9"),
            ErrorCode.INVALID_REQUEST, "model", "'gpt-9' is neither a known route (known routes: [cheap, smart])"),
        rejected("unknown model of a known provider", r -> r.setModel("openai/gpt-9"),
            ErrorCode.INVALID_REQUEST, "model", "nor a configured provider/model"),
        rejected("model not allowed for the key", r -> r.setVirtualKey(BETA_KEY),
            ErrorCode.MODEL_NOT_ALLOWED, "model", "key 'key-beta' may not call 'smart' (it may call: [cheap])"),
        rejected("empty messages", r -> r.setMessages(new ArrayList<>()),
            ErrorCode.INVALID_REQUEST, "messages", "messages must contain at least one message"),
        rejected("too many messages", r -> r.setMessages(new ArrayList<>(Collections.nCopies(6, message("user", "hi")))),
            ErrorCode.INVALID_REQUEST, "messages", "messages has 6 entries, more than the limit of 5"),
        rejected("negative max_tokens", r -> r.setMaxTokens(-5),
            ErrorCode.INVALID_REQUEST, "max_tokens", "max_tokens must be between 1 and 4096, but was -5"),
        rejected("zero max_tokens", r -> r.setMaxTokens(0),
            ErrorCode.INVALID_REQUEST, "max_tokens", "max_tokens must be between 1 and 4096, but was 0"),
        rejected("huge max_tokens", r -> r.setMaxTokens(Integer.MAX_VALUE),
            ErrorCode.INVALID_REQUEST, "max_tokens", "max_tokens must be between 1 and 4096, but was 2147483647"),
        rejected("prompt over the size limit", r -> r.setMessages(new ArrayList<>(List.of(
                message("user", PROMPT), message("user", "x".repeat(1000 - PROMPT.length() + 1))))),
            ErrorCode.INVALID_REQUEST, "messages",
            "the prompt has 1001 characters over all messages, more than the limit of 1000"),
        rejected("bad role", r -> r.setMessages(new ArrayList<>(List.of(message("user", PROMPT), message("robot", "beep")))),
            ErrorCode.INVALID_REQUEST, "messages[1].role",
            "messages[1].role must be one of [assistant, developer, system, tool, user], but was 'robot'"),
        rejected("temperature above 2", r -> r.setTemperature(2.5),
            ErrorCode.INVALID_REQUEST, "temperature", "temperature must be between 0 and 2, but was 2.5"),
        rejected("negative temperature", r -> r.setTemperature(-0.1),
            ErrorCode.INVALID_REQUEST, "temperature", "but was -0.1"),
        rejected("parameters_json not an object", r -> r.setParametersJson("[1,2]"),
            ErrorCode.INVALID_REQUEST, "parameters_json", "parameters_json must be a JSON object"),
        rejected("parameters_json not JSON", r -> r.setParametersJson("{\"top_p\":"),
            ErrorCode.INVALID_REQUEST, "parameters_json", "parameters_json is not valid JSON"),
        rejected("deadline passed", r -> r.setDeadline(NOW.minusMillis(1500)),
            ErrorCode.DEADLINE_EXCEEDED, "deadline", "had passed 1500 ms before the router read the request"));
  }

  private static Arguments rejected(String name, UnaryOperator<LlmRequest.Builder> change, ErrorCode code,
      String param, String messagePart) {
    return Arguments.of(name, change, code, param, messagePart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectionEndsInOneErrorReplyAndOneAuditEvent(String name, UnaryOperator<LlmRequest.Builder> change,
      ErrorCode code, String param, String messagePart) {
    LlmRequest request = change.apply(Fixtures.request("req-1")).build();

    router.send(request);
    Output out = router.output();

    assertThat(out.topics()).containsExactlyInAnyOrder(TopicNames.REPLIES, TopicNames.AUDIT);
    LlmReply reply = onlyReply(out, TopicNames.REPLIES, "req-1");
    assertThat(reply.getCorrelationId()).isEqualTo("corr-req-1");
    ErrorInfo error = reply.getError();
    assertThat(error.getCode()).isEqualTo(code.code());
    assertThat(error.getType()).isEqualTo(code.type());
    assertThat(error.getParam()).isEqualTo(param);
    assertThat(error.getMessage()).contains(messagePart);

    AuditEvent audit = onlyAudit(out, "req-1", code);
    PromptDigest prompt = PromptDigest.of(request.getMessages());
    assertThat(audit.getPromptSha256()).isEqualTo(prompt.sha256());
    assertThat(audit.getPromptLength()).isEqualTo(prompt.chars());
    assertThat(audit.getModel()).isEqualTo(request.getModel());
    assertThat(out.containsAnywhere(PROMPT)).as("prompt text in an output record").isFalse();
    assertThat(out.containsAnywhere(ALPHA_KEY)).as("raw key in an output record").isFalse();
    assertThat(out.containsAnywhere(BETA_KEY)).as("raw key in an output record").isFalse();
  }

  @Test
  void rejectionAfterAuthenticationNamesTheCallerInTheAudit() {
    router.send(Fixtures.request("req-1").setVirtualKey(BETA_KEY).build());

    AuditEvent audit = onlyAudit(router.output(), "req-1", ErrorCode.MODEL_NOT_ALLOWED);
    assertThat(audit.getKeyId()).isEqualTo("key-beta");
    assertThat(audit.getOrg()).isEqualTo("acme");
    assertThat(audit.getTeam()).isEqualTo("payments");
  }

  @Test
  void rejectionBeforeAuthenticationNamesNoCaller() {
    router.send(Fixtures.request("req-1").setModel("gpt-9").build());

    AuditEvent audit = onlyAudit(router.output(), "req-1", ErrorCode.INVALID_REQUEST);
    assertThat(audit.getKeyId()).isNull();
    assertThat(audit.getOrg()).isNull();
    assertThat(audit.getTeam()).isNull();
  }

  @Test
  void errorReplyGoesToTheRequestsOwnReplyTopic() {
    router.send(Fixtures.request("req-1").setReplyTopic(APP_REPLIES).setMaxTokens(0).build());

    Output out = router.output();
    assertThat(out.topics()).containsExactlyInAnyOrder(APP_REPLIES, TopicNames.AUDIT);
    assertThat(onlyReply(out, APP_REPLIES, "req-1").getError().getParam()).isEqualTo("max_tokens");
  }

  @Test
  void replyTopicThatDoesNotExistIsRejectedOnTheDefaultReplyTopic() {
    router.send(Fixtures.request("req-1").setReplyTopic("app.gone").setMaxTokens(0).build());

    Output out = router.output();
    assertThat(out.topics()).containsExactlyInAnyOrder(TopicNames.REPLIES, TopicNames.AUDIT);
    ErrorInfo error = onlyReply(out, TopicNames.REPLIES, "req-1").getError();
    assertThat(error.getCode()).isEqualTo("invalid_request");
    assertThat(error.getParam()).as("the reply topic is checked before anything else").isEqualTo("reply_topic");
    assertThat(error.getMessage()).isEqualTo("reply_topic 'app.gone' does not exist; create it before sending "
        + "requests; this error reply goes to llm.replies");
    onlyAudit(out, "req-1", ErrorCode.INVALID_REQUEST);
  }

  @Test
  void replyTopicThatIsASluiceTopicIsRejectedOnTheDefaultReplyTopic() {
    router.send(Fixtures.request("req-1").setReplyTopic(TopicNames.dispatch("openai")).build());

    Output out = router.output();
    assertThat(out.topics()).containsExactlyInAnyOrder(TopicNames.REPLIES, TopicNames.AUDIT);
    ErrorInfo error = onlyReply(out, TopicNames.REPLIES, "req-1").getError();
    assertThat(error.getParam()).isEqualTo("reply_topic");
    assertThat(error.getMessage()).startsWith("reply_topic 'llm.dispatch.openai' is a Sluice topic");
  }

  @Test
  void emptyRequestIdIsRejectedUnderTheRecordsPosition() {
    router.send(Fixtures.request("").build());

    Output out = router.output();
    LlmReply reply = onlyReply(out, TopicNames.REPLIES, "llm.requests-0-0");
    assertThat(reply.getError().getParam()).isEqualTo("request_id");
    assertThat(onlyAudit(out, "llm.requests-0-0", ErrorCode.INVALID_REQUEST).getEventId())
        .isEqualTo("llm.requests-0-0/request.rejected");
  }

  private static LlmReply onlyReply(Output out, String topic, String requestId) {
    List<KeyValue<String, LlmReply>> replies = out.replies(topic);
    assertThat(replies).as("replies on %s", topic).hasSize(1);
    assertThat(replies.get(0).key).isEqualTo(requestId);
    LlmReply reply = replies.get(0).value;
    assertThat(reply.getRequestId()).isEqualTo(requestId);
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.ERROR);
    assertThat(reply.getCompletedAt()).isEqualTo(NOW);
    assertThat(reply.getLatencyMs()).as("from entering llm.requests to the reply").isEqualTo(250);
    return reply;
  }

  private static AuditEvent onlyAudit(Output out, String requestId, ErrorCode code) {
    List<KeyValue<String, AuditEvent>> audits = out.audits();
    assertThat(audits).hasSize(1);
    assertThat(audits.get(0).key).isEqualTo(requestId);
    AuditEvent audit = audits.get(0).value;
    assertThat(audit.getRequestId()).isEqualTo(requestId);
    assertThat(audit.getAction()).isEqualTo("request.rejected");
    assertThat(audit.getOutcome()).isEqualTo(code.code());
    assertThat(audit.getErrorCode()).isEqualTo(code.code());
    assertThat(audit.getTime()).isEqualTo(NOW);
    return audit;
  }
}
