package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and usage errors: exit 2 with a message naming the problem, nothing sent. */
class SluiceCommandTest {
  private final FakeClient client = FakeClient.replying(Replies.ok("r", "ok"));
  private final TestCli cli = TestCli.with(client);

  @Test
  void listsEverySubcommand() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("send", "up", "router", "workers", "topics", "simulator");
  }

  @Test
  void promptAndFileExcludeEachOther() {
    assertThat(cli.run("send", "--key", "k", "--model", "fast", "--file", "x.jsonl", "hello")).isEqualTo(2);
    assertThat(cli.err()).startsWith("give either a PROMPT or --file FILE");
    assertThat(cli.connections).isEmpty();
  }

  @Test
  void aPromptNeedsAModel() {
    assertThat(cli.run("send", "--key", "k", "hello")).isEqualTo(2);
    assertThat(cli.err()).startsWith("--model is required with a PROMPT");
  }

  @Test
  void fileLinesCarryTheirOwnModel() {
    assertThat(cli.run("send", "--key", "k", "--model", "fast", "--file", "x.jsonl")).isEqualTo(2);
    assertThat(cli.err()).startsWith("--model, --system, --max-tokens and --temperature apply to a PROMPT");
  }

  @Test
  void rejectsAMalformedTimeoutAndANonPositiveMaxTokens() {
    assertThat(cli.run("send", "--key", "k", "--model", "fast", "--timeout", "5x", "hi")).isEqualTo(2);
    assertThat(cli.err()).contains("'5x' is not a duration like 500ms, 60s, 2m or 1h");

    assertThat(cli.run("send", "--key", "k", "--model", "fast", "--max-tokens", "0", "hi")).isEqualTo(2);
    assertThat(cli.err()).contains("--max-tokens must be > 0, but was 0");
  }

  @Test
  void upRejectsDataDirTogetherWithEphemeral() {
    assertThat(cli.run("up", "--data-dir", "d", "--ephemeral")).isEqualTo(2);
    assertThat(cli.err()).contains("mutually exclusive");
  }

  @Test
  void upWithTheDemoConfigNeedsTheSimulator() {
    assertThat(cli.run("up", "--ephemeral", "--no-simulator")).isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.err()).startsWith("sluice: the demo configuration calls the simulator");
  }

  @Test
  void anInvalidConfigIsReportedWithItsLine(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"),
        DemoConfig.yaml().replace("type: anthropic", "type: anthropik"));

    assertThat(cli.run("up", "--ephemeral", "--config", config.toString())).isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.err()).startsWith("sluice: invalid configuration " + config)
        .contains("providers.anthropic.type: type must be one of");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    assertThat(cli.run("launch")).isEqualTo(2);
    assertThat(cli.err()).contains("Unmatched argument at index 0: 'launch'");
  }
}
