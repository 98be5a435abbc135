package dev.sluice.gateway;

import dev.sluice.client.LlmClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@code sluice} in-process with captured output, a fake client, and a clock that advances
 * 250 ms on every reading (so latencies and rates are fixed).
 */
final class TestCli {
  static final long TICK_NANOS = 250_000_000L;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final List<SluiceClientSettings> connections = new ArrayList<>();
  private final CliContext context;

  TestCli(ClientFactory clients, Services services, StopSignal stop) {
    AtomicLong now = new AtomicLong();
    ClientFactory recording = new ClientFactory() {
      @Override
      public LlmClient connect(SluiceClientSettings settings) {
        connections.add(settings);
        return clients.connect(settings);
      }

      @Override
      public BatchJobFeed watchJobs(SluiceClientSettings settings) {
        return clients.watchJobs(settings);
      }
    };
    context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), recording, services, stop,
        () -> now.getAndAdd(TICK_NANOS));
  }

  static TestCli with(FakeClient client) {
    return new TestCli(settings -> client, new NoServices(), (running, err) -> running.close());
  }

  /** For {@code send --file --deferred}: job records come from {@code jobs}. */
  static TestCli with(FakeClient client, BatchJobFeed jobs) {
    ClientFactory clients = new ClientFactory() {
      @Override
      public LlmClient connect(SluiceClientSettings settings) {
        return client;
      }

      @Override
      public BatchJobFeed watchJobs(SluiceClientSettings settings) {
        return jobs;
      }
    };
    return new TestCli(clients, new NoServices(), (running, err) -> running.close());
  }

  int run(String... args) {
    return SluiceCommand.run(args, context);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** For commands that must not reach any service. */
  static final class NoServices implements Services {
    @Override
    public ProviderSimulator startSimulator(SimulatorConfig config) {
      throw new AssertionError("no simulator expected");
    }

    @Override
    public AutoCloseable startRouter(RouterSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      throw new AssertionError("no router expected");
    }

    @Override
    public AutoCloseable startWorkers(WorkerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      throw new AssertionError("no workers expected");
    }

    @Override
    public AutoCloseable startBudgetLedger(BudgetLedgerSettings settings, GatewayConfig config, SluiceSerdes serdes) {
      throw new AssertionError("no budget ledger expected");
    }
  }
}
