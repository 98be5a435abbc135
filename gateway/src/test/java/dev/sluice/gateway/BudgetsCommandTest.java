package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice budgets} before it reaches Kafka: nothing configured, an unknown budget, a wrong format. */
class BudgetsCommandTest {
  private final TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));

  @Test
  void saysSoWhenNoBudgetIsConfigured(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"), TestConfigs.testGatewayYaml());

    assertThat(cli.run("budgets", "--bootstrap", "127.0.0.1:1", "--config", config.toString())).isZero();

    assertThat(cli.out()).isEqualTo(
        "No budgets configured in " + config + "; add a budgets: section to gateway.yaml and pass it with --config.\n");
  }

  @Test
  void anUnknownBudgetIsNamedWithTheConfiguredOnes(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"), TestConfigs.testGatewayYaml() + """
        budgets:
          - {id: acme-month, scope: {org: acme}, period: month, limit: 500.00}
          - {id: platform-day, scope: {org: acme, team: platform}, period: day, limit: 20}
        """);

    assertThat(cli.run("budgets", "--bootstrap", "127.0.0.1:1", "--config", config.toString(), "--budget", "nope"))
        .isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(cli.err()).isEqualTo("sluice: no budget 'nope' in " + config + "; its budgets are acme-month, platform-day\n");
  }

  @Test
  void offersTableAndCsvOnly() {
    assertThat(cli.run("budgets", "--format", "html")).isEqualTo(2);
    assertThat(cli.err()).contains("'html' is not a format; use one of table, csv");
  }
}
