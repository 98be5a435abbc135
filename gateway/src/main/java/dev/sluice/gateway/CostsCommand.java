package dev.sluice.gateway;

import dev.sluice.gateway.costs.Converters.CostFormatConverter;
import dev.sluice.gateway.costs.Converters.DateConverter;
import dev.sluice.gateway.costs.Converters.DimensionConverter;
import dev.sluice.gateway.costs.Converters.ZoneConverter;
import dev.sluice.gateway.costs.CostCsv;
import dev.sluice.gateway.costs.CostHtml;
import dev.sluice.gateway.costs.CostQuery;
import dev.sluice.gateway.costs.CostReport;
import dev.sluice.gateway.costs.CostTable;
import dev.sluice.gateway.costs.Dimension;
import dev.sluice.gateway.costs.OutputFormat;
import dev.sluice.gateway.costs.ReportFiles;
import dev.sluice.gateway.costs.SnapshotConsumers;
import dev.sluice.gateway.costs.TopicSnapshot;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.money.MicroDollars;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice costs}: spend from the cost ledger, grouped and filtered, as a table, CSV or an HTML page. */
@Command(name = "costs", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Report spend from the cost ledger (llm.cost-ledger), grouped and filtered: a table, CSV,"
        + " or an HTML page with a chart of spend per day.",
        "Reads the ledger from its beginning up to its end when the command starts; each entry id counts once."
            + " cost is what was charged; saved is what cache hits and batch discounts saved.",
        "Examples:",
        "  sluice costs --group-by team,model --from 2026-03-01 --to 2026-04-01",
        "  sluice costs --org acme --group-by day --format csv > acme.csv",
        "  sluice costs --group-by org,model --format html --output spend.html"})
final class CostsCommand implements Callable<Integer> {
  static final String DEFAULT_HTML = "sluice-costs.html";
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

  private final CliContext context;
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--group-by", paramLabel = "DIM", split = ",", defaultValue = "org",
      converter = DimensionConverter.class,
      description = "Columns to group by, any of org, team, key, customer, workflow, provider, model, day"
          + " (default: ${DEFAULT-VALUE}).")
  List<Dimension> groupBy;

  @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
      description = "First day counted, e.g. 2026-03-01 (default: the first day of the current month, or of --to's month).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
      description = "First day no longer counted: exclusive (default: tomorrow, so today counts).")
  LocalDate to;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ZoneConverter.class,
      description = "Time zone of the days, e.g. Europe/Berlin (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(names = "--org", paramLabel = "ORG", description = "Only this org.")
  String org;

  @Option(names = "--team", paramLabel = "TEAM", description = "Only this team.")
  String team;

  @Option(names = "--key", paramLabel = "KEY_ID", description = "Only this virtual key id (the id, never the secret).")
  String key;

  @Option(names = "--customer", paramLabel = "CUSTOMER", description = "Only this customer.")
  String customer;

  @Option(names = "--workflow", paramLabel = "WORKFLOW", description = "Only this workflow.")
  String workflow;

  @Option(names = "--provider", paramLabel = "PROVIDER", description = "Only this provider id.")
  String provider;

  @Option(names = "--model", paramLabel = "MODEL", description = "Only this provider model, e.g. gpt-4o.")
  String model;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = CostFormatConverter.class,
      description = "table, csv or html (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE, - for standard output (default: standard output for table and csv, "
          + DEFAULT_HTML + " for html).")
  Path output;

  CostsCommand(CliContext context) {
    this(context, Clock.systemUTC());
  }

  CostsCommand(CliContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    CostQuery query = query();
    KafkaCheck.requireReachable(kafka.bootstrap);
    Topic<String, CostLedgerEntry> ledger = new Topics(kafka.serdes()).costLedger();
    TopicSnapshot<String, CostLedgerEntry> snapshot;
    try (Consumer<String, CostLedgerEntry> consumer = SnapshotConsumers.open(kafka.bootstrap, ledger, "sluice-costs")) {
      snapshot = TopicSnapshot.read(consumer, ledger.name(), STALL_TIMEOUT);
    }
    if (snapshot.skipped() > 0) {
      context.err().println("sluice: left out " + snapshot.skipped() + " undecodable records of " + ledger.name());
    }
    CostReport report = CostReport.of(query, snapshot.values());
    String text = switch (format) {
      case TABLE -> CostTable.render(report);
      case CSV -> CostCsv.render(report);
      case HTML -> CostHtml.render(report);
    };
    Path target = output != null ? output : format == OutputFormat.HTML ? Path.of(DEFAULT_HTML) : null;
    if (target == null || target.toString().equals("-")) {
      context.out().print(text);
      context.out().flush();
    } else {
      ReportFiles.write(target, text);
      context.out().println("wrote " + target + ": " + report.rows().size() + " groups, "
          + MicroDollars.format(report.total().costMicros()) + " " + query.describe());
    }
    return 0;
  }

  CostQuery query() {
    if (new HashSet<>(groupBy).size() != groupBy.size()) {
      throw new ParameterException(spec.commandLine(), "--group-by names a dimension twice: "
          + String.join(",", groupBy.stream().map(Dimension::label).toList()));
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate first = from != null ? from : (to != null ? to.minusDays(1) : today).withDayOfMonth(1);
    LocalDate last = to != null ? to : today.plusDays(1);
    if (!first.isBefore(last)) {
      throw new ParameterException(spec.commandLine(), "--from must be before --to, but was --from " + first + ", --to " + last
          + (to == null ? " (tomorrow in " + zone.getId() + ")" : ""));
    }
    return new CostQuery(groupBy, first, last, zone, filters());
  }

  private Map<Dimension, String> filters() {
    Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
    filter(filters, Dimension.ORG, org);
    filter(filters, Dimension.TEAM, team);
    filter(filters, Dimension.KEY, key);
    filter(filters, Dimension.CUSTOMER, customer);
    filter(filters, Dimension.WORKFLOW, workflow);
    filter(filters, Dimension.PROVIDER, provider);
    filter(filters, Dimension.MODEL, model);
    return filters;
  }

  private void filter(Map<Dimension, String> filters, Dimension dimension, String value) {
    if (value == null) {
      return;
    }
    if (value.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--" + dimension.label() + " must not be blank");
    }
    filters.put(dimension, value);
  }
}
