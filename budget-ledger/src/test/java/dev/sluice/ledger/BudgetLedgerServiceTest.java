package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.Topics;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the service refuses before it talks to Kafka; BudgetLedgerIT runs it on a broker. */
class BudgetLedgerServiceTest {
  @TempDir
  Path stateDir;

  @Test
  void aWebhookWhoseSecretIsNotSetFailsTheStartNamingTheVariableAndTheBudget() {
    GatewayConfig config = GatewayConfigLoader.parse(LedgerFixtures.BUDGETS_YAML.replace(
        "- {id: acme-daily, scope: {org: acme}, period: day, limit: 10}",
        "- {id: acme-daily, scope: {org: acme}, period: day, limit: 10,"
            + " webhook: {url: \"https://hooks.example.com/acme\", secret_env: ACME_HOOK_SECRET}}"), "hooks.yaml");
    BudgetLedgerService ledger = new BudgetLedgerService(BudgetLedgerSettings.defaults("127.0.0.1:9", stateDir), config,
        new Topics(SluiceSerdes.withoutRegistry()), Clock.systemUTC(), Map.<String, String>of()::get);

    assertThatThrownBy(ledger::start).isInstanceOf(IllegalStateException.class).hasMessage("budget 'acme-daily' signs"
        + " its webhook alerts with the secret in environment variable ACME_HOOK_SECRET, which is not set");
    assertThat(ledger.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    ledger.close();
  }

  @Test
  void askingForABudgetStateBeforeTheStartIsAClearError() {
    try (BudgetLedgerService ledger = new BudgetLedgerService(BudgetLedgerSettings.defaults("127.0.0.1:9", stateDir),
        LedgerFixtures.config(), new Topics(SluiceSerdes.withoutRegistry()))) {
      assertThatThrownBy(() -> ledger.budgetState("acme-daily@2026-11-21T00:00:00Z"))
          .isInstanceOf(IllegalStateException.class).hasMessage("the budget ledger is not started");
    }
  }
}
