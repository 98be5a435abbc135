package dev.sluice.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.SluiceClient;
import dev.sluice.gateway.CliContext;
import dev.sluice.gateway.DemoConfig;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.gateway.SluiceCommand;
import dev.sluice.gateway.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice send --file} against the embedded gateway: OpenAI batch input in, batch output out. */
class SendFileIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo(), new GatewayServices());
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void everyLineComesBackInInputOrderWithItsCustomId(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String model = i % 2 == 0 ? "fast" : "claude";
      lines.add("{\"custom_id\":\"task-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
          + "{\"model\":\"" + model + "\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"Summarise ticket " + i + "\"}]}}");
    }
    lines.add("{\"custom_id\":\"task-bad\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
        + "{\"model\":\"no-such-route\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}");
    Path input = Files.write(dir.resolve("requests.jsonl"), lines);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
        SluiceClient::new, new GatewayServices(), StopSignal.shutdownHook(CliContext.CLOSE_TIMEOUT), System::nanoTime);

    int exit = SluiceCommand.run(new String[] {"send", "--file", input.toString(), "--key", DemoConfig.DEMO_KEY,
        "--bootstrap", gateway.bootstrapServers(), "--timeout", "60s"}, context);

    List<String> output = Files.readAllLines(dir.resolve("requests.output.jsonl"));
    assertThat(output).hasSize(41);
    for (int i = 0; i < 40; i++) {
      JsonNode line = JSON.readTree(output.get(i));
      assertThat(line.get("custom_id").asText()).isEqualTo("task-" + i);
      assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
      assertThat(line.at("/response/body/choices/0/message/content").asText()).contains("Summarise ticket " + i);
      assertThat(line.at("/response/body/model").asText()).isEqualTo(i % 2 == 0 ? "gpt-4o-mini" : "claude-sonnet-4");
      assertThat(line.get("error").isNull()).isTrue();
    }
    JsonNode bad = JSON.readTree(output.get(40));
    assertThat(bad.get("custom_id").asText()).isEqualTo("task-bad");
    assertThat(bad.at("/response/status_code").asInt()).isEqualTo(400);
    assertThat(bad.at("/error/code").asText()).isEqualTo("invalid_request");
    // One line failed, so the command says so in its exit status.
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("41/41");
  }
}
