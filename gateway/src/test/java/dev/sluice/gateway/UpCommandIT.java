package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice up} on a real embedded broker and simulator, with router and workers replaced by
 * recorders: what it creates, what it passes to the services, what it prints, and that Ctrl-C
 * closes everything.
 */
class UpCommandIT {
  private final List<String> started = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();
  private GatewayConfig seenConfig;
  private Set<String> topicsWhileRunning;

  private final Services services = new Services() {
    @Override
    public ProviderSimulator startSimulator(SimulatorConfig config) {
      started.add("simulator");
      return new GatewayServices().startSimulator(config);
    }

    @Override
    public AutoCloseable startRouter(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      started.add("router " + Files.isDirectory(settings.stateDir()) + " " + settings.commitIntervalMs());
      return () -> closed.add("router");
    }

    @Override
    public AutoCloseable startWorkers(WorkerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      started.add("workers " + settings.instanceId() + " " + settings.batchWindow().toMillis());
      seenConfig = config;
      return () -> closed.add("workers");
    }

    @Override
    public AutoCloseable startBudgetLedger(BudgetLedgerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      started.add("budget-ledger " + settings.instanceId() + " " + Files.isDirectory(settings.stateDir()));
      return () -> closed.add("budget-ledger");
    }
  };

  @Test
  void startsEverythingPrintsHowToSendAndClosesOnStop(@TempDir Path dir) {
    StopSignal stop = (running, err) -> {
      EmbeddedGateway gateway = (EmbeddedGateway) running;
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", gateway.bootstrapServers()))) {
        topicsWhileRunning = admin.listTopics().names().get();
      }
      running.close();
    };
    TestCli cli = new TestCli(settings -> {
      throw new AssertionError("up sends nothing");
    }, services, stop);

    int exit = cli.run("up", "--data-dir", dir.toString(), "--port", "0", "--simulator-port", "0",
        "--router-commit-ms", "25", "--worker-batch-window-ms", "3");

    assertThat(exit).as(cli.err()).isZero();
    assertThat(started).containsExactly("simulator", "workers embedded 3", "budget-ledger embedded true", "router true 25");
    assertThat(closed).containsExactly("router", "budget-ledger", "workers");
    assertThat(topicsWhileRunning).containsAll(TopicNames.all(List.of("openai", "anthropic")));
    assertThat(seenConfig.providers().get("openai").baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1")
        .isNotEqualTo(DemoConfig.SIMULATOR_API_URL);
    assertThat(cli.out()).contains("Sluice is up", "data in " + dir.toAbsolutePath(), "routes      claude, fast, smart")
        .containsPattern("\\./sluice send --key sk-sluice-demo --bootstrap 127\\.0\\.0\\.1:\\d+ --model fast \"Say hello in French\"");
    assertThat(dir.resolve("kafka").resolve("log").resolve("meta.properties")).exists();
  }
}
