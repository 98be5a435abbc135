package dev.sluice.gateway;

import dev.sluice.schemas.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code sluice} command line. Exit codes: 0 success; 1 a problem the user can fix or an
 * error reply; 2 wrong usage; 70 an unexpected failure (printed with its stack trace).
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCommand.Version.class,
    description = "Sluice: an event-driven LLM gateway on Apache Kafka.",
    subcommands = CommandLine.HelpCommand.class)
public final class SluiceCommand implements Runnable {
  public static final int USER_ERROR = 1;
  public static final int INTERNAL_ERROR = 70;

  private final CliContext context;

  SluiceCommand(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(run(args, CliContext.system()));
  }

  /** Runs one command line and returns its exit code; never exits the JVM. */
  public static int run(String[] args, CliContext context) {
    return commandLine(context).execute(args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(new SluiceCommand(context))
        .addSubcommand("send", new SendCommand(context))
        .addSubcommand("up", new UpCommand(context))
        .addSubcommand("router", new RouterCommand(context))
        .addSubcommand("workers", new WorkersCommand(context))
        .addSubcommand("budget-ledger", new BudgetLedgerCommand(context))
        .addSubcommand("topics", new TopicsCommand(context))
        .addSubcommand("costs", new CostsCommand(context))
        .addSubcommand("budgets", new BudgetsCommand(context))
        .addSubcommand("cache", new CommandLine(new CacheCommand())
            .addSubcommand("invalidate", new CacheInvalidateCommand(context)))
        .addSubcommand("simulator", new SimulatorCommand(context));
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    cli.setExecutionExceptionHandler((error, command, parsed) -> {
      if (error instanceof UserException || error instanceof ConfigException) {
        command.getErr().println("sluice: " + error.getMessage());
        return USER_ERROR;
      }
      command.getErr().println("sluice: unexpected failure; please report it with this trace:");
      error.printStackTrace(command.getErr());
      return INTERNAL_ERROR;
    });
    return cli;
  }

  @Spec
  private CommandSpec spec;

  /** {@code sluice} alone: show what it can do. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SluiceCommand.class.getPackage().getImplementationVersion();
      return new String[] {"sluice " + (version == null ? "(development build)" : version)};
    }
  }
}
