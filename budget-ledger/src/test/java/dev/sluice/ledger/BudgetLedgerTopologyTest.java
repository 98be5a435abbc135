package dev.sluice.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.Topics;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the topology's shape, node and store names. A change here is a change to what runs in
 * production (a renamed store is a new, empty changelog): update {@code budget-ledger-topology.txt}
 * on purpose, never to make the test pass.
 */
class BudgetLedgerTopologyTest {

  @Test
  void describeMatchesTheCheckedInTopology() throws IOException {
    Topology topology = BudgetLedgerTopology.build(LedgerFixtures.config(), new Topics(SluiceSerdes.withoutRegistry()),
        Clock.fixed(LedgerFixtures.NOW, ZoneOffset.UTC));

    assertThat(topology.describe().toString().strip()).isEqualTo(expected("/budget-ledger-topology.txt"));
  }

  @Test
  void storesAreLoggedToChangelogsNamedAfterThem(@TempDir Path stateDir) {
    try (LedgerDriver ledger = new LedgerDriver(LedgerFixtures.config(), stateDir)) {
      ledger.send(LedgerFixtures.acme("req-1:1", 1_000));

      assertThat(ledger.changelogs()).containsExactlyInAnyOrder(
          "sluice-budget-ledger-seen-entries-changelog", "sluice-budget-ledger-budget-spend-changelog");
    }
  }

  private static String expected(String resource) throws IOException {
    try (InputStream in = BudgetLedgerTopologyTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
