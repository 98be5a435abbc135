package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.CacheInvalidationSummary;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.serde.SchemaRegistryException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code sluice cache invalidate} without a broker: usage errors name the option and value; the record
 * it builds; how a failed send is reported.
 */
class CacheCommandTest {
  private static final Instant NOW = Instant.parse("2026-03-14T10:15:30.123456Z");

  private final TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));

  @Test
  void cacheInvalidateIsASubcommand() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("cache");

    assertThat(cli.run("cache", "--help")).isZero();
    assertThat(cli.out()).contains("invalidate");
  }

  @Test
  void cacheAloneIsAUsageError() {
    assertThat(cli.run("cache")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required subcommand").contains("invalidate");
  }

  @Test
  void theNamespaceIsRequired() {
    assertThat(cli.run("cache", "invalidate", "--route", "smart")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required option: '--namespace=ORG'");
  }

  @Test
  void aBlankNamespaceIsRefusedBeforeKafkaIsAsked() {
    // Nothing listens on port 1: reaching Kafka would fail with exit 1 after the connection timeout, not 2.
    assertThat(cli.run("cache", "invalidate", "--bootstrap", "127.0.0.1:1", "--namespace", " ")).isEqualTo(2);
    assertThat(cli.err()).startsWith("--namespace must not be blank, but was ' '");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aBlankRouteTagOrReasonIsRefused() {
    assertThat(cli.run("cache", "invalidate", "--bootstrap", "127.0.0.1:1", "--namespace", "acme", "--route", "")).isEqualTo(2);
    assertThat(cli.err()).contains("--route must not be blank, but was ''");

    assertThat(cli.run("cache", "invalidate", "--bootstrap", "127.0.0.1:1", "--namespace", "acme", "--tag", "\t")).isEqualTo(2);
    assertThat(cli.err()).contains("--tag must not be blank, but was '\t'");

    assertThat(cli.run("cache", "invalidate", "--bootstrap", "127.0.0.1:1", "--namespace", "acme", "--reason", " ")).isEqualTo(2);
    assertThat(cli.err()).contains("--reason must not be blank, but was ' '");
  }

  @Test
  void buildsTheRecordFromTheOptionsAndTheClockToTheMillisecond() {
    CacheInvalidation all = invalidation("--namespace", "acme");
    assertThat(all).isEqualTo(new CacheInvalidation("acme", null, null, null, Instant.parse("2026-03-14T10:15:30.123Z")));
    assertThat(CacheInvalidationSummary.of(all)).isEqualTo("namespace acme");

    CacheInvalidation some = invalidation("--namespace", "acme", "--route", "smart", "--tag", "pricing",
        "--reason", "prices changed");
    assertThat(some.getNamespace()).isEqualTo("acme");
    assertThat(some.getRoute()).isEqualTo("smart");
    assertThat(some.getTag()).isEqualTo("pricing");
    assertThat(some.getReason()).isEqualTo("prices changed");
    assertThat(some.getRequestedAt()).isEqualTo(Instant.parse("2026-03-14T10:15:30.123Z"));
    assertThat(CacheInvalidationSummary.of(some))
        .isEqualTo("namespace acme, route smart, tag pricing (reason: prices changed)");

    assertThat(CacheInvalidationSummary.of(invalidation("--namespace", "acme", "--tag", "pricing")))
        .isEqualTo("namespace acme, tag pricing");
  }

  @Test
  void buildingTheRecordChecksTheValuesToo() {
    assertThatThrownBy(() -> invalidation("--namespace", ""))
        .isInstanceOf(ParameterException.class).hasMessage("--namespace must not be blank, but was ''");
  }

  @Test
  void aSilentBrokerADeniedClientAndABadRegistryAreUserErrorsAnythingElseIsUnexpected() {
    CacheInvalidateCommand command = command("--bootstrap", "kafka:9092", "--namespace", "acme");

    assertThat(command.failure("llm.cache-invalidations",
        new TimeoutException("Expiring 1 record(s) for llm.cache-invalidations-0: 10003 ms has passed since batch creation")))
        .isInstanceOf(UserException.class)
        .hasMessage("no acknowledgement from Kafka at kafka:9092 for llm.cache-invalidations within 10 s (Expiring 1 record(s)"
            + " for llm.cache-invalidations-0: 10003 ms has passed since batch creation); it may not have been written:"
            + " send it again once Kafka answers (twice does no harm)");
    assertThat(command.failure("llm.cache-invalidations", new NotLeaderOrFollowerException("no leader")))
        .isInstanceOf(UserException.class).hasMessageStartingWith("no acknowledgement from Kafka at kafka:9092");
    assertThat(command.failure("llm.cache-invalidations", new TopicAuthorizationException("Not authorized")))
        .isInstanceOf(UserException.class)
        .hasMessage("Kafka at kafka:9092 does not let this client write to llm.cache-invalidations: Not authorized");
    assertThat(command.failure("llm.cache-invalidations", new SchemaRegistryException("schema registry at http://r:8081 could"
        + " not register llm.cache-invalidations-value: HTTP 503")))
        .isInstanceOf(UserException.class).hasMessageStartingWith("cannot encode the invalidation: schema registry at");
    assertThat(command.failure("llm.cache-invalidations", new RecordTooLargeException("too large")))
        .isNotInstanceOf(UserException.class).hasMessageContaining("refused the invalidation");
  }

  /** The record {@code sluice cache invalidate args} would publish at {@link #NOW}. */
  private static CacheInvalidation invalidation(String... args) {
    return command(args).invalidation();
  }

  private static CacheInvalidateCommand command(String... args) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    CliContext context = new CliContext(nowhere, nowhere, settings -> {
      throw new AssertionError("no client expected");
    }, new TestCli.NoServices(), (running, err) -> running.close(), System::nanoTime);
    CacheInvalidateCommand command = new CacheInvalidateCommand(context, Clock.fixed(NOW, ZoneOffset.UTC));
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
