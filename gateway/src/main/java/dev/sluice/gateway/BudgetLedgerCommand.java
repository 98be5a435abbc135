package dev.sluice.gateway;

import dev.sluice.ledger.BudgetLedgerSettings;
import dev.sluice.schemas.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice budget-ledger}: the budget ledger alone, against an external Kafka. */
@Command(name = "budget-ledger", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the budget ledger (llm.cost-ledger to llm.budget-state and llm.budget-alerts, with the"
        + " budgets' webhooks) against a running Kafka.")
final class BudgetLedgerCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ConfigOption config;

  @Option(names = "--state-dir", paramLabel = "DIR",
      defaultValue = "${env:SLUICE_STATE_DIR:-data/budget-ledger-standalone}",
      description = "Local Kafka Streams state, one directory per process (default: $SLUICE_STATE_DIR,"
          + " else ./data/budget-ledger-standalone).")
  Path stateDir;

  @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:SLUICE_LEDGER_INSTANCE_ID}",
      description = "Unique per process and stable across its restarts: static group membership, so a restarted"
          + " process takes its partitions back at once (default: $SLUICE_LEDGER_INSTANCE_ID, else dynamic).")
  String instanceId;

  BudgetLedgerCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig gatewayConfig = config.load(DemoConfig.SIMULATOR_API_URL);
    KafkaCheck.requireReachable(kafka.bootstrap);
    BudgetLedgerSettings settings = BudgetLedgerSettings.defaults(kafka.bootstrap, stateDir).withInstanceId(instanceId);
    AutoCloseable ledger = context.services().startBudgetLedger(settings, gatewayConfig, kafka.serdes());
    context.err().println("budget ledger running against " + kafka.bootstrap + " for " + gatewayConfig.budgets().size()
        + " budgets; press Ctrl-C to stop");
    context.stop().awaitThenClose(ledger, context.err());
    return 0;
  }
}
