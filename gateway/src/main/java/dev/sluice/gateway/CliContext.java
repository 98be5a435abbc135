package dev.sluice.gateway;

import dev.sluice.client.SluiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What the subcommands print to and talk through, injected so each can be tested with a
 * {@link PrintStream} and fakes.
 *
 * @param out results (reply content, output written)
 * @param err progress, details, problems
 * @param clients makes the request/reply client for {@code send}
 * @param services starts router, workers and simulator
 * @param stop how {@code up}, {@code router} and {@code workers} wait for Ctrl-C
 * @param nanoTime monotonic clock for latencies and rates
 */
public record CliContext(
    PrintStream out, PrintStream err, ClientFactory clients, Services services, StopSignal stop, LongSupplier nanoTime) {
  /** How long Ctrl-C may take to close everything before the process exits anyway. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

  public CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** The real thing: standard streams, Kafka, the JVM's shutdown hook. */
  public static CliContext system() {
    return new CliContext(System.out, System.err, SluiceClient::new, new GatewayServices(),
        StopSignal.shutdownHook(CLOSE_TIMEOUT), System::nanoTime);
  }
}
