package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice router}, {@code sluice workers} and {@code sluice budget-ledger} hand their options to the services they start. */
class ServiceCommandsIT {
  private final List<RouterSettings> routers = new ArrayList<>();
  private final List<WorkerSettings> workers = new ArrayList<>();
  private final List<BudgetLedgerSettings> ledgers = new ArrayList<>();

  private final Services recording = new Services() {
    @Override
    public ProviderSimulator startSimulator(SimulatorConfig config) {
      throw new AssertionError("no simulator expected");
    }

    @Override
    public AutoCloseable startRouter(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      routers.add(settings);
      return () -> { };
    }

    @Override
    public AutoCloseable startWorkers(WorkerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      workers.add(settings);
      return () -> { };
    }

    @Override
    public AutoCloseable startBudgetLedger(BudgetLedgerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      ledgers.add(settings);
      return () -> { };
    }
  };

  @Test
  void optionsAndDefaultsReachTheSettings(@TempDir Path dir) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start()) {
      TestCli cli = new TestCli(settings -> {
        throw new AssertionError("nothing to send");
      }, recording, (running, err) -> running.close());
      String bootstrap = broker.bootstrapServers();

      assertThat(cli.run("router", "--bootstrap", bootstrap, "--state-dir", dir.toString(), "--commit-interval-ms", "33",
          "--instance-id", "r-2", "--embedder-threads", "2"))
          .as(cli.err()).isZero();
      assertThat(cli.run("router", "--bootstrap", bootstrap, "--state-dir", dir.toString())).as(cli.err()).isZero();
      assertThat(cli.run("workers", "--bootstrap", bootstrap, "--instance-id", "w-7", "--batch-window-ms", "0"))
          .as(cli.err()).isZero();
      assertThat(cli.run("workers", "--bootstrap", bootstrap)).as(cli.err()).isZero();
      assertThat(cli.run("budget-ledger", "--bootstrap", bootstrap, "--state-dir", dir.toString(), "--instance-id", "l-1"))
          .as(cli.err()).isZero();

      assertThat(routers).extracting(RouterSettings::commitIntervalMs).containsExactly(33L, RouterSettings.DEFAULT_COMMIT_INTERVAL_MS);
      assertThat(routers).extracting(RouterSettings::stateDir).containsOnly(dir);
      assertThat(routers).extracting(RouterSettings::instanceId).containsExactly("r-2", null);
      assertThat(routers).extracting(RouterSettings::embedderThreads).containsExactly(2, 1);
      assertThat(workers).extracting(WorkerSettings::batchWindow).containsExactly(Duration.ZERO, WorkerSettings.DEFAULT_BATCH_WINDOW);
      assertThat(workers).extracting(WorkerSettings::instanceId).containsExactly("w-7", "0");
      assertThat(ledgers).extracting(BudgetLedgerSettings::stateDir).containsExactly(dir);
      assertThat(ledgers).extracting(BudgetLedgerSettings::instanceId).containsExactly("l-1");
      assertThat(ledgers).extracting(BudgetLedgerSettings::bootstrapServers).containsExactly(bootstrap);
    }
  }
}
