package dev.sluice.workers.dispatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import dev.sluice.schemas.SluiceHeaders;
import dev.sluice.schemas.TopicNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.Lane;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.simulator.Fault;
import dev.sluice.workers.simulator.FaultPlan;
import dev.sluice.workers.simulator.ProviderSimulator;
import dev.sluice.workers.simulator.SimulatorBehaviour;
import dev.sluice.workers.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's poll-call-commit loop, driven by MockConsumer/MockProducer against the real simulator over HTTP. */
class DispatchWorkerTest {
  private static final TopicPartition OPENAI_DISPATCH = new TopicPartition("llm.dispatch.openai", 0);
  /** No batch window: each poll is its own transaction, so the scheduled poll tasks map to transactions. */
  private static final WorkerSettings SETTINGS = new WorkerSettings("unused:9092", "test", Set.of(), 500,
      Duration.ofMillis(20), Duration.ZERO, WorkerSettings.DEFAULT_HEALTH_INTERVAL);

  private final ProviderSimulator simulator = ProviderSimulator.start(SimulatorConfig.defaults());
  private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
  private final Topics topics = new Topics(serdes);
  private final MockConsumer<String, DispatchBatch> consumer = new MockConsumer<>("earliest");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private DispatchWorker worker;
  private Thread thread;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    scheduler.shutdownNow();
    simulator.close();
  }

  private void startWorker() {
    GatewayConfig config = TestConfigs.testGateway(simulator.apiBaseUrl());
    ProviderRegistry providers = new ProviderRegistry(config, ProviderSecrets.of(TestConfigs.PROVIDER_KEYS),
        new ProviderAdapterFactory());
    Clock clock = Clock.systemUTC();
    ProviderPipelines pipelines = new ProviderPipelines(providers, Set.of("openai"), scheduler, clock, new Random(7));
    worker = new DispatchWorker("openai", Lane.STANDARD, consumer, producer, topics, new TargetCaller(pipelines, config, clock),
        new OutcomeSettler(providers, clock), SETTINGS);
    thread = new Thread(worker);
    thread.start();
  }

  private void deliver(long offset, DispatchBatch batch) {
    consumer.addRecord(new ConsumerRecord<>(OPENAI_DISPATCH.topic(), 0, offset, batch.getItems().getFirst().getRequestId(), batch));
  }

  private void assignAndDeliver(DispatchBatch batch) {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(OPENAI_DISPATCH));
      consumer.updateBeginningOffsets(Map.of(OPENAI_DISPATCH, 0L));
      deliver(0, batch);
    });
  }

  @Test
  void writesReplyLedgerAndAuditWithTheOffsetsInOneTransaction() {
    assignAndDeliver(DispatchItems.batchOf(DispatchItems.smart("r-1")));
    startWorker();

    await().until(() -> producer.history().size() == 3);

    LlmReply reply = value(producer.history(), "llm.replies", serdes.replies()::deserialize);
    CostLedgerEntry entry = value(producer.history(), "llm.cost-ledger", serdes.ledgerEntries()::deserialize);
    AuditEvent audit = value(producer.history(), "llm.audit", serdes.auditEvents()::deserialize);
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getContent()).startsWith("This is a simulated reply from gpt-4o");
    assertThat(reply.getProvider()).isEqualTo("openai");
    // The ledger charges exactly what the simulator reported, at gpt-4o's configured price.
    long expected = Math.round((reply.getUsage().getInputTokens() * 2.50 + reply.getUsage().getOutputTokens() * 10.00));
    assertThat(entry.getCostMicros()).isEqualTo(expected).isEqualTo(reply.getCostMicros()).isPositive();
    assertThat(entry.getInputTokens()).isEqualTo(reply.getUsage().getInputTokens());
    assertThat(audit.getOutcome()).isEqualTo("ok");
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.consumerGroupOffsetsHistory().getLast().values().iterator().next())
        .containsEntry(OPENAI_DISPATCH, new org.apache.kafka.clients.consumer.OffsetAndMetadata(1));
    assertThat(simulator.calls(ProviderSimulator.OPENAI_CHAT_PATH)).isEqualTo(1);
  }

  @Test
  void failsOverToTheNextTargetsDispatchTopicOnceRetriesAreSpent() {
    simulator.behaviour(SimulatorBehaviour.normal().withFaults(ProviderSimulator.OPENAI_CHAT_PATH, FaultPlan.always(Fault.status(503))));
    assertAndDeliverThenAwait(1);

    ProducerRecord<String, byte[]> moved = producer.history().getFirst();
    assertThat(moved.topic()).isEqualTo("llm.dispatch.anthropic");
    DispatchBatch batch = serdes.dispatchBatches().deserialize(moved.topic(), moved.value());
    assertThat(batch.getItems().getFirst().getTargetIndex()).isEqualTo(1);
    // test-gateway.yaml leaves max_retries at its default of 2: three calls, then the next target.
    assertThat(batch.getItems().getFirst().getAttempts())
        .extracting(Attempt::getHttpStatus, Attempt::getRetry, Attempt::getKeyId)
        .containsExactly(tuple(503, 0, "default"), tuple(503, 1, "default"), tuple(503, 2, "default"));
    assertThat(simulator.calls(ProviderSimulator.OPENAI_CHAT_PATH)).isEqualTo(3);
    assertThat(producer.history()).noneMatch(r -> r.topic().equals("llm.outcomes"));
  }

  @Test
  void writesTheReplysCopyToItsIntakePartitionOfOutcomesInTheSameTransaction() {
    DispatchItem deduplicated = DispatchItem.newBuilder(DispatchItems.smart("r-4")).setIntakePartition(2).build();
    assignAndDeliver(DispatchItems.batchOf(deduplicated));
    startWorker();

    await().until(() -> producer.history().size() == 4);

    ProducerRecord<String, byte[]> copy = producer.history().stream()
        .filter(r -> r.topic().equals("llm.outcomes")).findFirst().orElseThrow();
    assertThat(copy.partition()).isEqualTo(2);
    assertThat(copy.key()).isEqualTo("acme/r-4");
    LlmReply reply = value(producer.history(), "llm.replies", serdes.replies()::deserialize);
    assertThat(serdes.replies().deserialize("llm.outcomes", copy.value())).isEqualTo(reply);
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.uncommittedRecords()).isEmpty();
  }

  @Test
  void writesNoOutcomeCopyForARequestThatWasNotDeduplicated() {
    assignAndDeliver(DispatchItems.batchOf(DispatchItems.smart("r-5")));
    startWorker();

    await().until(() -> producer.history().size() == 3);

    assertThat(producer.history()).extracting(ProducerRecord::topic)
        .containsExactlyInAnyOrder("llm.replies", "llm.audit", "llm.cost-ledger");
  }

  @Test
  void anAbortedCommitRepeatsTheCallButWritesTheReplyOnce() {
    producer.commitTransactionException = new KafkaException("injected: broker unavailable during commit");
    List<Long> positionsOnRetry = new CopyOnWriteArrayList<>();
    assignAndDeliver(DispatchItems.batchOf(DispatchItems.smart("r-2")));
    consumer.schedulePollTask(() -> {
      positionsOnRetry.add(consumer.position(OPENAI_DISPATCH));
      producer.commitTransactionException = null;
      deliver(0, DispatchItems.batchOf(DispatchItems.smart("r-2")));
    });
    startWorker();

    await().until(() -> producer.history().size() == 3);

    assertThat(positionsOnRetry).containsExactly(0L);
    assertThat(producer.history()).filteredOn(r -> r.topic().equals("llm.replies")).hasSize(1);
    assertThat(producer.history()).filteredOn(r -> r.topic().equals("llm.cost-ledger")).hasSize(1);
    assertThat(simulator.calls(ProviderSimulator.OPENAI_CHAT_PATH)).isEqualTo(2);
  }

  @Test
  void anUndecodableRecordGoesToTheDeadLetterTopicAndTheNextIsServed() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(OPENAI_DISPATCH));
      consumer.updateBeginningOffsets(Map.of(OPENAI_DISPATCH, 0L));
      consumer.setPollException(new RecordDeserializationException(RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
          OPENAI_DISPATCH, 0, 1234L, TimestampType.CREATE_TIME, ByteBuffer.wrap("r-bad".getBytes(StandardCharsets.UTF_8)),
          ByteBuffer.wrap(new byte[] {1, 2, 3}), headers, "cannot deserialize", new SerializationException("not a DispatchBatch")));
    });
    consumer.schedulePollTask(() -> deliver(1, DispatchItems.batchOf(DispatchItems.smart("r-4"))));
    startWorker();

    await().until(() -> producer.history().size() == 4);

    ProducerRecord<String, byte[]> dead = producer.history().stream()
        .filter(r -> r.topic().equals(TopicNames.DEAD_LETTER)).findFirst().orElseThrow();
    assertThat(dead.key()).isEqualTo("r-bad");
    assertThat(dead.value()).containsExactly(1, 2, 3);
    assertThat(dead.timestamp()).isEqualTo(1234L);
    assertThat(new String(dead.headers().lastHeader(SluiceHeaders.DLQ_REASON).value(), StandardCharsets.UTF_8))
        .isEqualTo("cannot decode a record of llm.dispatch.openai: org.apache.kafka.common.errors.SerializationException: not a DispatchBatch");
    assertThat(new String(dead.headers().lastHeader(SluiceHeaders.DLQ_SOURCE_OFFSET).value(), StandardCharsets.UTF_8)).isEqualTo("0");
    assertThat(dead.headers().lastHeader("traceparent")).isNotNull();
    assertThat(value(producer.history(), "llm.replies", serdes.replies()::deserialize).getRequestId()).isEqualTo("r-4");
    // Committed past the undecodable record, whether alone or with the next one.
    assertThat(producer.consumerGroupOffsetsHistory().getLast().values().iterator().next())
        .containsEntry(OPENAI_DISPATCH, new org.apache.kafka.clients.consumer.OffsetAndMetadata(2));
    assertThat(producer.uncommittedRecords()).isEmpty();
  }

  private void assertAndDeliverThenAwait(int records) {
    assignAndDeliver(DispatchItems.batchOf(DispatchItems.smart("r-3")));
    startWorker();
    await().until(() -> producer.history().size() == records);
  }

  private static <T> T value(List<ProducerRecord<String, byte[]>> history, String topic, java.util.function.BiFunction<String, byte[], T> decode) {
    ProducerRecord<String, byte[]> record = history.stream().filter(r -> r.topic().equals(topic)).findFirst().orElseThrow();
    return decode.apply(topic, record.value());
  }
}
