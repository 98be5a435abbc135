package dev.sluice.gateway;

import dev.sluice.gateway.costs.BudgetCsv;
import dev.sluice.gateway.costs.BudgetRecords;
import dev.sluice.gateway.costs.BudgetStatus;
import dev.sluice.gateway.costs.BudgetTable;
import dev.sluice.gateway.costs.Converters.BudgetFormatConverter;
import dev.sluice.gateway.costs.OutputFormat;
import dev.sluice.gateway.costs.SnapshotConsumers;
import dev.sluice.gateway.costs.TopicSnapshot;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.config.BudgetConfig;
import dev.sluice.schemas.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice budgets}: where each configured budget stands in its current period. */
@Command(name = "budgets", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Show each budget of the configuration in its current period: limit, spent, reserved, remaining,"
        + " share used and reset time.",
        "spent is the larger of the ledger's figure (llm.budget-state) and the router's settled one"
            + " (llm.budget-reservations); reserved is what requests in flight hold;"
            + " remaining = limit - spent - reserved, negative when over; used = (spent + reserved) / limit.",
        "Examples:",
        "  sluice budgets --config gateway.yaml",
        "  sluice budgets --config gateway.yaml --budget acme-month --format csv"})
final class BudgetsCommand implements Callable<Integer> {
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

  private final CliContext context;
  private final Clock clock;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ConfigOption config;

  @Option(names = "--budget", paramLabel = "ID", description = "Only the budget with this id.")
  String budgetId;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = BudgetFormatConverter.class,
      description = "table or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  BudgetsCommand(CliContext context) {
    this(context, Clock.systemUTC());
  }

  BudgetsCommand(CliContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    GatewayConfig gatewayConfig = config.load(DemoConfig.SIMULATOR_API_URL);
    String source = config.isDemo() ? "the built-in demo configuration" : config.file.toString();
    if (gatewayConfig.budgets().isEmpty()) {
      context.out().println("No budgets configured in " + source
          + "; add a budgets: section to gateway.yaml and pass it with --config.");
      return 0;
    }
    List<BudgetConfig> budgets = selected(gatewayConfig.budgets(), source);
    KafkaCheck.requireReachable(kafka.bootstrap);
    Topics topics = new Topics(kafka.serdes());
    BudgetRecords records = BudgetRecords.of(read(topics.budgetState()).records(), read(topics.budgetReservations()).records());
    Instant now = clock.instant();
    List<BudgetStatus> statuses = budgets.stream().map(budget -> BudgetStatus.of(budget, now, records)).toList();
    context.out().print(format == OutputFormat.CSV ? BudgetCsv.render(statuses) : BudgetTable.render(statuses));
    context.out().flush();
    return 0;
  }

  private List<BudgetConfig> selected(List<BudgetConfig> budgets, String source) {
    if (budgetId == null) {
      return budgets;
    }
    List<BudgetConfig> matching = budgets.stream().filter(budget -> budget.id().equals(budgetId)).toList();
    if (matching.isEmpty()) {
      throw new UserException("no budget '" + budgetId + "' in " + source + "; its budgets are "
          + budgets.stream().map(BudgetConfig::id).collect(Collectors.joining(", ")));
    }
    return matching;
  }

  private <V> TopicSnapshot<String, V> read(Topic<String, V> topic) {
    try (Consumer<String, V> consumer = SnapshotConsumers.open(kafka.bootstrap, topic, "sluice-budgets")) {
      TopicSnapshot<String, V> snapshot = TopicSnapshot.read(consumer, topic.name(), STALL_TIMEOUT);
      if (snapshot.skipped() > 0) {
        context.err().println("sluice: left out " + snapshot.skipped() + " undecodable records of " + topic.name());
      }
      return snapshot;
    }
  }
}
