package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.costs.CostQuery;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sluice costs} options: usage errors name the value; the default period is the month to date. */
class CostsCommandTest {
  private final TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));

  @Test
  void costsAndBudgetsAreSubcommands() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("costs", "budgets");
  }

  @Test
  void rejectsAnUnknownOrRepeatedDimension() {
    assertThat(cli.run("costs", "--group-by", "org,teams")).isEqualTo(2);
    assertThat(cli.err())
        .contains("'teams' is not a dimension; use one of org, team, key, customer, workflow, provider, model, day");

    assertThat(cli.run("costs", "--group-by", "org,model,org")).isEqualTo(2);
    assertThat(cli.err()).contains("--group-by names a dimension twice: org,model,org");
  }

  @Test
  void rejectsMalformedDatesZonesAndFormats() {
    assertThat(cli.run("costs", "--from", "2026-02-30")).isEqualTo(2);
    assertThat(cli.err()).contains("'2026-02-30' is not a date like 2026-03-01");

    assertThat(cli.run("costs", "--zone", "Mars/Olympus")).isEqualTo(2);
    assertThat(cli.err()).contains("'Mars/Olympus' is not a time zone like UTC or Europe/Berlin");

    assertThat(cli.run("costs", "--format", "pdf")).isEqualTo(2);
    assertThat(cli.err()).contains("'pdf' is not a format; use one of table, csv, html");
  }

  @Test
  void rejectsAnEmptyPeriodAndABlankFilter() {
    assertThat(cli.run("costs", "--from", "2026-03-05", "--to", "2026-03-05")).isEqualTo(2);
    assertThat(cli.err()).contains("--from must be before --to, but was --from 2026-03-05, --to 2026-03-05");

    assertThat(cli.run("costs", "--team", " ")).isEqualTo(2);
    assertThat(cli.err()).contains("--team must not be blank");
  }

  @Test
  void theDefaultPeriodIsTheCurrentMonthUpToAndIncludingToday() {
    assertThat(period("2026-03-14T10:00:00Z")).isEqualTo("2026-03-01..2026-03-15");
    assertThat(period("2026-03-31T12:00:00Z", "--zone", "Pacific/Kiritimati")).isEqualTo("2026-04-01..2026-04-02");
    assertThat(period("2026-03-14T10:00:00Z", "--to", "2026-03-01")).isEqualTo("2026-02-01..2026-03-01");
    assertThat(period("2026-03-14T10:00:00Z", "--from", "2026-02-10")).isEqualTo("2026-02-10..2026-03-15");
  }

  /** The period {@code sluice costs args} would report on at {@code now}. */
  private static String period(String now, String... args) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    CliContext context = new CliContext(nowhere, nowhere, settings -> {
      throw new AssertionError("no client expected");
    }, new TestCli.NoServices(), (running, err) -> running.close(), System::nanoTime);
    CostsCommand command = new CostsCommand(context, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    new CommandLine(command).parseArgs(args);
    CostQuery query = command.query();
    return query.from() + ".." + query.to();
  }
}
