package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@code sluice send PROMPT} with a fake client: what is sent, what is printed, the exit code. */
class SendCommandTest {
  @Test
  void printsTheContentOnStdoutAndTheDetailsOnStderr() {
    FakeClient client = FakeClient.replying(Replies.ok("r-1", "Bonjour !"));
    TestCli cli = TestCli.with(client);

    int exit = cli.run("send", "--key", "sk-sluice-demo", "--model", "smart", "Say hello in French");

    assertThat(exit).isZero();
    assertThat(cli.out()).isEqualTo("Bonjour !" + System.lineSeparator());
    assertThat(cli.err().lines().toList()).containsExactly(
        "",
        "provider  anthropic / claude-sonnet-4",
        "finish    stop",
        "tokens    12 in / 85 out",
        "cost      $0.001311",
        "latency   250 ms end to end, 131 ms in the gateway",
        "attempts  2: openai/gpt-4o rate_limited (HTTP 429, 12 ms), anthropic/claude-sonnet-4 ok (HTTP 200, 118 ms)");
    assertThat(client.closed).isTrue();
  }

  @Test
  void buildsTheRequestFromTheOptions() {
    FakeClient client = FakeClient.replying(Replies.ok("r-2", "ok"));
    TestCli cli = TestCli.with(client);

    cli.run("send", "--key", "sk-k", "--model", "fast", "--system", "Be brief", "--max-tokens", "50",
        "--temperature", "0.2", "--timeout", "5s", "--bootstrap", "127.0.0.1:29092", "--reply-topic", "my.replies", "Hi");

    LlmRequest request = client.sent.get(0);
    assertThat(request.getRequestId()).isNotBlank();
    assertThat(request.getVirtualKey()).isEqualTo("sk-k");
    assertThat(request.getModel()).isEqualTo("fast");
    assertThat(request.getMessages()).containsExactly(
        new ChatMessage("system", "Be brief", null), new ChatMessage("user", "Hi", null));
    assertThat(request.getMaxTokens()).isEqualTo(50);
    assertThat(request.getTemperature()).isEqualTo(0.2);
    assertThat(cli.connections.get(0).bootstrapServers()).isEqualTo("127.0.0.1:29092");
    assertThat(cli.connections.get(0).replyTopic()).isEqualTo("my.replies");
    assertThat(cli.connections.get(0).timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anErrorReplyPrintsCodeAndMessageAndExitsNonZero() {
    TestCli cli = TestCli.with(FakeClient.replying(
        Replies.error("r-3", ErrorCode.BUDGET_EXCEEDED, "monthly budget of team demo-team is exhausted")));

    int exit = cli.run("send", "--key", "sk-k", "--model", "smart", "Hi");

    assertThat(exit).isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines().toList()).containsExactly(
        "error     budget_exceeded: monthly budget of team demo-team is exhausted",
        "request   r-3",
        "latency   250 ms end to end, 4 ms in the gateway",
        "attempts  0 (answered by the gateway itself)");
  }

  @Test
  void noReplyInTimeIsAUserErrorWithAHint() {
    FakeClient client = new FakeClient(
        r -> CompletableFuture.failedFuture(new TimeoutException("no reply to request " + r.getRequestId() + " within 60 s")),
        (id, json) -> null);
    TestCli cli = TestCli.with(client);

    int exit = cli.run("send", "--key", "sk-k", "--model", "smart", "Hi");

    assertThat(exit).isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.err()).startsWith("sluice: no reply to request " + client.sent.get(0).getRequestId() + " within 60 s")
        .contains("./sluice up");
  }

  @Test
  void aMissingBrokerOrReplyTopicIsAUserError() {
    TestCli cli = new TestCli(settings -> {
      throw new IllegalStateException("reply topic 'llm.replies' does not exist");
    }, new TestCli.NoServices(), (running, err) -> running.close());

    int exit = cli.run("send", "--key", "sk-k", "--model", "fast", "Hi");

    assertThat(exit).isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.err()).isEqualTo("sluice: cannot use Kafka at 127.0.0.1:9092: reply topic 'llm.replies' does not exist"
        + " (is `./sluice up` running?)" + System.lineSeparator());
  }

  @Test
  void theKeyMayComeFromTheEnvironmentButIsRequired() {
    TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "ok")));
    List<String> args = List.of("send", "--model", "fast", "Hi");
    if (System.getenv("SLUICE_KEY") == null) {
      assertThat(cli.run(args.toArray(String[]::new))).isEqualTo(2);
      assertThat(cli.err()).startsWith("a virtual key is required: --key KEY or the SLUICE_KEY variable");
    } else {
      assertThat(cli.run(args.toArray(String[]::new))).isZero();
    }
  }
}
