package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.avro.BatchJobState;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.serde.BatchLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice send --file}: validation up front, one publish per line, output in input order. */
class SendFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void writesOneOutputLinePerInputLineInInputOrder() throws Exception {
    Path input = write("requests.jsonl", line("a", "first"), "", line("b", "second"), line("c", "third"));
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<LlmReply>> answers = new ArrayList<>();
    FakeClient client = new FakeClient(r -> null, (id, json) -> {
      ids.add(id);
      answers.add(new CompletableFuture<>());
      if (answers.size() == 3) {
        // Answer in reverse order once all are sent: the output must still follow the input.
        for (int i = 2; i >= 0; i--) {
          answers.get(i).complete(Replies.ok(ids.get(i), "answer " + i));
        }
      }
      return answers.get(answers.size() - 1);
    });
    TestCli cli = TestCli.with(client);

    int exit = cli.run("send", "--key", "sk-k", "--file", input.toString());

    assertThat(exit).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("requests.output.jsonl"));
    assertThat(lines).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode out = JSON.readTree(lines.get(i));
      assertThat(out.get("custom_id").asText()).isEqualTo(List.of("a", "b", "c").get(i));
      assertThat(out.at("/response/body/choices/0/message/content").asText()).isEqualTo("answer " + i);
      assertThat(out.at("/response/request_id").asText()).isEqualTo(client.sentLines.get(i).requestId());
    }
    assertThat(client.sentLines).extracting(FakeClient.SentLine::key).containsOnly("sk-k");
    assertThat(client.sentLines).extracting(FakeClient.SentLine::headers).containsOnly(Map.of());
    assertThat(cli.connections.get(0).timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(client.sentLines.get(1).json()).isEqualTo(line("b", "second"));
    assertThat(cli.out()).startsWith("wrote 3 replies to " + dir.resolve("requests.output.jsonl") + ": 3 ok, 0 failed");
    assertThat(cli.err()).contains("3/3  errors 0");
  }

  @Test
  void deferredSendsEveryLineDeferredWithItsDeadlineAndShowsTheJobStates() throws Exception {
    Path input = write("requests.jsonl", line("a", "first"), line("b", "second"));
    FakeClient client = new FakeClient(r -> null, (id, json) -> CompletableFuture.completedFuture(Replies.ok(id, "answer")));
    FakeJobFeed jobs = new FakeJobFeed(() -> List.of(
        BatchJobs.job("job-1", BatchJobState.SUBMITTED, 2, 0,
            client.sentLines.stream().map(FakeClient.SentLine::requestId).toArray(String[]::new)),
        BatchJobs.job("job-1", BatchJobState.SETTLED, 2, 2)));
    TestCli cli = TestCli.with(client, jobs);
    Instant before = Instant.now();

    int exit = cli.run("send", "--key", "sk-k", "--file", input.toString(), "--deferred", "--deadline", "2h");

    Instant after = Instant.now();
    assertThat(exit).isZero();
    assertThat(client.sentLines).hasSize(2).allSatisfy(sent -> {
      assertThat(sent.headers()).containsEntry(SluiceHeaders.PRIORITY, "deferred");
      assertThat(Long.parseLong(sent.headers().get(SluiceHeaders.DEADLINE_MS)))
          .isBetween(before.plus(Duration.ofHours(2)).toEpochMilli(), after.plus(Duration.ofHours(2)).toEpochMilli());
    });
    assertThat(cli.connections.get(0).timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(cli.err()).contains("2/2  errors 0").contains("jobs: 1 settled; 2/2 done in jobs");
    assertThat(Files.readAllLines(dir.resolve("requests.output.jsonl"))).hasSize(2);
    assertThat(jobs.closed).isTrue();
  }

  @Test
  void deferredWithoutADeadlineWaitsLongerThanABatchJobMayTake() throws Exception {
    Path input = write("requests.jsonl", line("a", "first"));
    FakeClient client = FakeClient.replying(Replies.ok("r", "answer"));
    TestCli cli = TestCli.with(client, new FakeJobFeed(List::of));

    assertThat(cli.run("send", "--key", "sk-k", "--file", input.toString(), "--deferred")).isZero();

    assertThat(client.sentLines.get(0).headers()).containsOnlyKeys(SluiceHeaders.PRIORITY);
    assertThat(cli.connections.get(0).timeout()).isEqualTo(Duration.ofHours(25));
    assertThat(cli.err()).contains("1/1  errors 0").contains("/s  jobs: none yet");
  }

  @Test
  void deferredAndDeadlineNeedWhatTheyApplyTo() throws Exception {
    Path input = write("requests.jsonl", line("a", "first"));
    TestCli prompt = TestCli.with(FakeClient.replying(Replies.ok("r", "never")));
    TestCli realtime = TestCli.with(FakeClient.replying(Replies.ok("r", "never")));

    assertThat(prompt.run("send", "--key", "sk-k", "--model", "fast", "--deferred", "Hi")).isEqualTo(2);
    assertThat(realtime.run("send", "--key", "sk-k", "--file", input.toString(), "--deadline", "24h")).isEqualTo(2);

    assertThat(prompt.err()).startsWith("--deferred applies to --file only");
    assertThat(realtime.err()).startsWith("--deadline 24h applies to --deferred only");
    assertThat(prompt.connections).isEmpty();
    assertThat(realtime.connections).isEmpty();
  }

  @Test
  void reportsEveryBadLineByNumberAndSendsNothing() throws Exception {
    Path input = write("bad.jsonl", line("a", "fine"), "{not json", line("a", "again"),
        line("d", "x").replace("\"POST\"", "\"GET\""));
    TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "never")));

    int exit = cli.run("send", "--key", "sk-k", "--file", input.toString());

    assertThat(exit).isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.connections).isEmpty();
    assertThat(cli.err()).startsWith("sluice: 3 bad line(s) in " + input + "; nothing was sent:")
        .contains("bad.jsonl:2: not valid JSON")
        .contains("bad.jsonl:3: custom_id 'a' appears more than once")
        .contains("bad.jsonl:4: method must be POST, but was 'GET'");
  }

  @Test
  void aLineWithoutReplyBecomesAnErrorLineAndTheExitCodeSaysSo() throws Exception {
    Path input = write("two.jsonl", line("ok", "fine"), line("late", "slow"));
    Path output = dir.resolve("custom-out.jsonl");
    FakeClient client = new FakeClient(r -> null, (id, json) -> json.contains("\"late\"")
        ? CompletableFuture.failedFuture(new TimeoutException("no reply to request " + id + " within 60 s"))
        : CompletableFuture.completedFuture(Replies.error(id, ErrorCode.BUDGET_EXCEEDED, "over budget")));
    TestCli cli = TestCli.with(client);

    int exit = cli.run("send", "--key", "sk-k", "--file", input.toString(), "--output", output.toString());

    assertThat(exit).isEqualTo(SluiceCommand.USER_ERROR);
    List<String> lines = Files.readAllLines(output);
    assertThat(JSON.readTree(lines.get(0)).at("/error/code").asText()).isEqualTo("budget_exceeded");
    assertThat(JSON.readTree(lines.get(1)).at("/error/code").asText()).isEqualTo("deadline_exceeded");
    assertThat(JSON.readTree(lines.get(1)).at("/response/status_code").asInt()).isEqualTo(504);
    assertThat(cli.out()).contains("0 ok, 2 failed");
  }

  @Test
  void defaultOutputSitsNextToTheInput() {
    assertThat(BatchFileSend.defaultOutput(Path.of("data", "requests.jsonl"))).isEqualTo(Path.of("data", "requests.output.jsonl"));
    assertThat(BatchFileSend.defaultOutput(Path.of("batch.txt"))).isEqualTo(Path.of("batch.txt.output.jsonl"));
  }

  @Test
  void aMissingFileIsAUserError() {
    TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "never")));

    assertThat(cli.run("send", "--key", "sk-k", "--file", dir.resolve("nope.jsonl").toString())).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("sluice: cannot read " + dir.resolve("nope.jsonl") + ": no such file" + System.lineSeparator());
  }

  private Path write(String name, String... lines) throws Exception {
    return Files.write(dir.resolve(name), List.of(lines));
  }

  private static String line(String customId, String prompt) {
    return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"" + BatchLines.CHAT_COMPLETIONS_URL
        + "\",\"body\":{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}}";
  }
}
