package dev.sluice.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.SluiceClient;
import dev.sluice.gateway.CliContext;
import dev.sluice.gateway.EmbeddedGateway;
import dev.sluice.gateway.EmbeddedGatewaySettings;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.gateway.SluiceCommand;
import dev.sluice.gateway.StopSignal;
import dev.sluice.gateway.batch.BatchJobsIT;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.money.Prices;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice send --file --deferred} against the embedded gateway: the lines go through provider batch jobs. */
class SendDeferredFileIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = EmbeddedGateway.start(EmbeddedGatewaySettings.ephemeralDemo().withConfigFor(BatchJobsIT::config),
        new GatewayServices(ProviderSecrets.of(TestConfigs.PROVIDER_KEYS)));
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void everyLineIsAnsweredThroughBatchJobsAtTheBatchPriceAndTheProgressShowsTheirStates(@TempDir Path dir)
      throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String model = i % 2 == 0 ? "fast" : "claude";
      lines.add("{\"custom_id\":\"task-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
          + "{\"model\":\"" + model + "\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Classify ticket " + i + "\"}]}}");
    }
    Path input = Files.write(dir.resolve("requests.jsonl"), lines);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
        SluiceClient::new, new GatewayServices(), StopSignal.shutdownHook(CliContext.CLOSE_TIMEOUT), System::nanoTime);

    int exit = SluiceCommand.run(new String[] {"send", "--file", input.toString(), "--deferred", "--deadline", "1h",
        "--key", TestConfigs.TEST_KEY, "--bootstrap", gateway.bootstrapServers(), "--timeout", "90s"}, context);

    assertThat(exit).isZero();
    List<String> output = Files.readAllLines(dir.resolve("requests.output.jsonl"));
    assertThat(output).hasSize(30);
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      JsonNode line = JSON.readTree(output.get(i));
      assertThat(line.get("custom_id").asText()).isEqualTo("task-" + i);
      assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
      assertThat(line.at("/response/body/choices/0/message/content").asText()).contains("Classify ticket " + i);
      requestIds.add(line.at("/response/request_id").asText());
    }
    Set<String> ours = Set.copyOf(requestIds);
    try (TopicRecords<CostLedgerEntry> ledger = new TopicRecords<>(gateway.bootstrapServers(), TopicNames.COST_LEDGER,
        SluiceSerdes.withoutRegistry().ledgerEntries().deserializer())) {
      List<CostLedgerEntry> entries = ledger.awaitMatching(r -> ours.contains(r.value().getRequestId()), 30).stream()
          .map(ConsumerRecord::value).toList();
      assertThat(entries).hasSize(30).allSatisfy(entry -> {
        assertThat(entry.getPriceBasis().getMode()).isEqualTo("batch");
        Prices batch = gateway.config().model(entry.getProvider(), entry.getModel()).orElseThrow().batchPrices();
        assertThat(entry.getCostMicros()).isEqualTo(batch.costMicros(entry.getInputTokens(), entry.getOutputTokens()));
      });
      assertThat(entries.stream().map(CostLedgerEntry::getModel).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("gpt-4o-mini", "claude-sonnet-4");
    }
    // One job per model at least; the last redraw comes after every reply, when each job has settled.
    String progress = err.toString(StandardCharsets.UTF_8);
    assertThat(progress).contains("30/30  errors 0").containsPattern("jobs: \\d+ settled; 30/30 done in jobs");
  }
}
