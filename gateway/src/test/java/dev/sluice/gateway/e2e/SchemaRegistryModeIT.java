package dev.sluice.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.gateway.GatewayServices;
import dev.sluice.router.RouterSettings;
import dev.sluice.schemas.SchemaRegistryStub;
import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.dispatch.WorkerSettings;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a schema registry configured, every hop writes the registry wire format (magic byte 0 and
 * a schema id registered under {@code <topic>-value}) and the request still makes its whole way.
 */
class SchemaRegistryModeIT {
  @Test
  void everyHopWritesTheRegistryWireFormat(@TempDir Path stateDir) throws Exception {
    GatewayServices services = new GatewayServices(ProviderSecrets.of(TestConfigs.PROVIDER_KEYS));
    try (SchemaRegistryStub registry = SchemaRegistryStub.start();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start();
        ProviderSimulator simulator = services.startSimulator(SimulatorConfig.defaults())) {
      String bootstrap = broker.bootstrapServers();
      GatewayConfig config = TestConfigs.testGateway(simulator.apiBaseUrl());
      broker.createTopics(TopicNames.all(config.providers().keySet()), 1, TopicNames::isCompacted);
      SluiceSerdes serdes = SluiceSerdes.create(registry.url());

      try (AutoCloseable workers = services.startWorkers(WorkerSettings.defaults(bootstrap).withInstanceId("registry-it"), config, serdes);
          AutoCloseable router = services.startRouter(RouterSettings.defaults(bootstrap, stateDir), config, serdes);
          SluiceClient client = new SluiceClient(SluiceClientSettings.of(bootstrap).withSerdes(serdes).withTimeout(Duration.ofSeconds(60)))) {
        LlmReply reply = client.send(RequestPathIT.request("fast", "Explain Kafka in one line")).get();

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
        assertThat(reply.getProvider()).isEqualTo("openai");
        assertThat(registry.subjects()).containsKeys("llm.requests-value", "llm.dispatch.openai-value",
            "llm.replies-value", "llm.cost-ledger-value", "llm.audit-value");
        assertRegistryFormat(bootstrap, TopicNames.REPLIES, registry.subjects().get("llm.replies-value"), reply.getRequestId());
        assertRegistryFormat(bootstrap, TopicNames.COST_LEDGER, registry.subjects().get("llm.cost-ledger-value"), null);
        assertRegistryFormat(bootstrap, TopicNames.AUDIT, registry.subjects().get("llm.audit-value"), reply.getRequestId());
        // A reader with the registry (a data team's consumer) gets the same values back.
        try (TopicRecords<CostLedgerEntry> ledger = new TopicRecords<>(bootstrap, TopicNames.COST_LEDGER, serdes.ledgerEntries());
            TopicRecords<AuditEvent> audit = new TopicRecords<>(bootstrap, TopicNames.AUDIT, serdes.auditEvents())) {
          assertThat(ledger.awaitMatching(r -> r.value().getRequestId().equals(reply.getRequestId()), 1))
              .singleElement().satisfies(r -> assertThat(r.value().getCostMicros()).isEqualTo(reply.getCostMicros()));
          assertThat(audit.awaitMatching(r -> r.value().getRequestId().equals(reply.getRequestId()), 1)).hasSize(1);
        }
      }
    }
  }

  private static void assertRegistryFormat(String bootstrap, String topic, int schemaId, String key) {
    try (TopicRecords<byte[]> raw = new TopicRecords<>(bootstrap, topic, new ByteArrayDeserializer())) {
      List<ConsumerRecord<byte[], byte[]>> records =
          raw.awaitMatching(r -> key == null || new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).equals(key), 1);
      byte[] value = records.getFirst().value();
      assertThat(value[0]).as("magic byte on %s", topic).isZero();
      assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).as("schema id on %s", topic).isEqualTo(schemaId);
    }
  }
}
