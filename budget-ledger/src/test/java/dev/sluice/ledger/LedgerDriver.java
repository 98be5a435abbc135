package dev.sluice.ledger;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.BudgetAlert;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The ledger's topology in a {@link TopologyTestDriver} with the production Streams settings
 * (exactly-once, the exception handlers) and a clock fixed at {@link LedgerFixtures#NOW}.
 */
final class LedgerDriver implements AutoCloseable {
  static final SluiceSerdes SERDES = SluiceSerdes.withoutRegistry();

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, CostLedgerEntry> ledger;
  private final TestInputTopic<String, byte[]> rawLedger;
  private final TestOutputTopic<String, BudgetState> states;
  private final TestOutputTopic<String, BudgetAlert> alerts;
  private final TestOutputTopic<byte[], byte[]> deadLetters;

  LedgerDriver(GatewayConfig config, Path stateDir) {
    this(config, LedgerStreamsConfig.properties(BudgetLedgerSettings.defaults("127.0.0.1:9", stateDir)));
  }

  /**
   * The production settings, but at-least-once. The driver calls the deserialization exception
   * handler under exactly-once too, but the dead letter it returns is sent in a transaction that
   * has not begun processing, and the driver's MockProducer.clear() before the next record drops
   * it: no dead letter of an undecodable record ever shows. Without transactions it does.
   */
  static LedgerDriver atLeastOnce(GatewayConfig config, Path stateDir) {
    Properties props = LedgerStreamsConfig.properties(BudgetLedgerSettings.defaults("127.0.0.1:9", stateDir));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    return new LedgerDriver(config, props);
  }

  private LedgerDriver(GatewayConfig config, Properties props) {
    Topics topics = new Topics(SERDES);
    driver = new TopologyTestDriver(BudgetLedgerTopology.build(config, topics, Clock.fixed(LedgerFixtures.NOW,
        ZoneOffset.UTC)), props, LedgerFixtures.NOW);
    ledger = driver.createInputTopic(TopicNames.COST_LEDGER, new StringSerializer(), SERDES.ledgerEntries().serializer());
    rawLedger = driver.createInputTopic(TopicNames.COST_LEDGER, new StringSerializer(), new ByteArraySerializer());
    states = driver.createOutputTopic(TopicNames.BUDGET_STATE, new StringDeserializer(),
        SERDES.budgetStates().deserializer());
    alerts = driver.createOutputTopic(TopicNames.BUDGET_ALERTS, new StringDeserializer(),
        SERDES.budgetAlerts().deserializer());
    deadLetters = driver.createOutputTopic(TopicNames.DEAD_LETTER, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Sends an entry keyed by its org, as the workers do, with its own time as record time. */
  void send(CostLedgerEntry entry) {
    ledger.pipeInput(entry.getOrg(), entry, entry.getTime());
  }

  void send(CostLedgerEntry.Builder entry) {
    send(entry.build());
  }

  void sendRaw(String key, byte[] value, Instant at) {
    rawLedger.pipeInput(key, value, at);
  }

  /** The records written to llm.budget-state since the last call, once the next send is due. */
  List<KeyValue<String, BudgetState>> states() {
    driver.advanceWallClockTime(ChargeProcessor.STATE_SEND_INTERVAL);
    return states.readKeyValuesToList();
  }

  /** The records written to llm.budget-alerts since the last call. */
  List<KeyValue<String, BudgetAlert>> alerts() {
    return alerts.readKeyValuesToList();
  }

  /** The records written to llm.dead-letter since the last call. */
  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  KeyValueStore<String, BudgetState> spendStore() {
    return driver.getKeyValueStore(LedgerNames.BUDGET_SPEND_STORE);
  }

  /** The store changelog topics written to. */
  Set<String> changelogs() {
    return driver.producedTopicNames().stream().filter(t -> t.endsWith("-changelog")).collect(Collectors.toSet());
  }

  static String header(TestRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
