package dev.sluice.ledger;

import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.PriceBasis;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.time.Instant;

/** Budgets and ledger entries for the ledger's tests. */
final class LedgerFixtures {
  /** The clock of the topology tests. */
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  /** When the entries of the topology tests happened: the UTC day of 2026-11-21. */
  static final Instant MORNING = Instant.parse("2026-11-21T09:00:00Z");

  /**
   * test-gateway.yaml's keys (test-key: org acme, team platform; narrow-key: org globex) with a
   * budget of every scope. Limits in dollars; default thresholds 0.5, 0.8, 1.0.
   */
  static final String BUDGETS_YAML = TestConfigs.testGatewayYaml() + """
      budgets:
        - {id: acme-daily, scope: {org: acme}, period: day, limit: 10}
        - {id: platform-daily, scope: {org: acme, team: platform}, period: day, limit: 50}
        - {id: key-monthly, scope: {key: test-key}, period: month, limit: 500}
        - {id: c17-daily, scope: {org: acme, customer: c-17}, period: day, limit: 20}
        - {id: nightly-daily, scope: {org: acme, workflow: nightly}, period: day, limit: 30}
        - {id: globex-berlin, scope: {org: globex}, period: day, zone: Europe/Berlin, limit: 100, thresholds: [0.5]}
      """;

  private LedgerFixtures() {}

  static GatewayConfig config() {
    return GatewayConfigLoader.parse(BUDGETS_YAML, "budgets.yaml");
  }

  /** An entry of org acme by a key no budget names, without team, customer or workflow: only acme-daily counts it. */
  static CostLedgerEntry.Builder acme(String entryId, long costMicros) {
    return entry(entryId, costMicros, MORNING).setKeyId("ops-key").setOrg("acme").setTeam(null);
  }

  /** An entry of test-key (org acme, team platform) at {@code time}; no customer or workflow. */
  static CostLedgerEntry.Builder entry(String entryId, long costMicros, Instant time) {
    return CostLedgerEntry.newBuilder()
        .setEntryId(entryId)
        .setTime(time)
        .setRequestId(entryId.split(":")[0])
        .setKeyId("test-key")
        .setOrg("acme")
        .setTeam("platform")
        .setProvider("openai")
        .setModel("gpt-4o")
        .setInputTokens(1_000)
        .setOutputTokens(200)
        .setCostMicros(costMicros)
        .setPriceBasis(new PriceBasis("realtime", 2_500_000L, 10_000_000L));
  }
}
