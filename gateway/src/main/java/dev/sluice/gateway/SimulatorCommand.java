package dev.sluice.gateway;

import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice simulator}: the provider simulator alone. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
    description = "Run the provider simulator (OpenAI Chat Completions and Anthropic Messages APIs).")
final class SimulatorCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "18080", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:SLUICE_SIMULATOR_BIND:-127.0.0.1}",
      description = "Address to listen on; 0.0.0.0 inside a container (default: ${DEFAULT-VALUE}).")
  String bind;

  SimulatorCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Ports.requireFree(port, "the provider simulator", "--port");
    ProviderSimulator simulator = context.services().startSimulator(
        SimulatorConfig.defaults().withBindAddress(bind).withPort(port));
    context.err().println("provider simulator at " + simulator.apiBaseUrl() + "; press Ctrl-C to stop");
    context.stop().awaitThenClose(simulator, context.err());
    return 0;
  }
}
