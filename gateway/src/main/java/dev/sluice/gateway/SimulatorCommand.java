package dev.sluice.gateway;

import dev.sluice.workers.simulator.ProviderSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice simulator}: the provider simulator alone. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
    description = "Run the provider simulator (OpenAI Chat Completions and Anthropic Messages APIs) on 127.0.0.1.")
final class SimulatorCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "18080", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  SimulatorCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Ports.requireFree(port, "the provider simulator", "--port");
    ProviderSimulator simulator = context.services().startSimulator(port);
    context.err().println("provider simulator at " + simulator.apiBaseUrl() + "; press Ctrl-C to stop");
    context.stop().awaitThenClose(simulator, context.err());
    return 0;
  }
}
