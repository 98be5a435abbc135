package dev.sluice.bench;

import dev.sluice.router.QuestionEmbedderTopology;
import dev.sluice.router.RouterService;
import dev.sluice.router.RouterSettings;
import dev.sluice.router.RouterTopology;
import dev.sluice.router.cache.CacheResources;
import dev.sluice.schemas.DedupeKey;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.avro.Usage;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * How long a cache hit spends in the router, without the broker: the router's topology (and the
 * question embedder's, for requests that go through it) in Kafka Streams' {@link TopologyTestDriver},
 * with the production settings. The time of one request runs from handing its record to the
 * router until its reply has been written, through intake, validation, authentication, the embedder
 * when the route caches semantically, dedupe and the cache: every stage a hit passes, with the
 * record (de)serialisation between them, but no broker hop and no commit.
 *
 * <p>The distinct questions of the evaluation set are each answered once (the fill), then asked
 * again in rounds: the same request (an exact hit) and a lower-cased variant (a semantic hit: the
 * model is uncased, so it embeds the variant as the original, while the exact key differs). The
 * work of a semantic hit (embedding, vector search) does not depend on how close the match is.
 * Prints p50, p99 and max.
 */
public final class RouterHitBenchmark {
  private static final int WARMUP_ROUNDS = 3;
  private static final int ROUNDS = 5;
  private static final BenchOrgs ORGS = new BenchOrgs(1, false);

  public static void main(String[] args) throws Exception {
    List<String> candidates = EvaluationPair.distinctCachedQuestions().stream()
        .filter(question -> !variant(question).equals(question)).toList();
    try (HitRouter plain = new HitRouter(false); HitRouter semantic = new HitRouter(true)) {
      // A question close enough to one filled before it is answered from the cache instead of filling: left out.
      List<String> questions = semantic.fill(candidates);
      plain.fill(questions);
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        plain.ask(questions, false, null);
        semantic.ask(questions, false, null);
        semantic.ask(questions, true, null);
      }
      Histogram exact = new Histogram(3);
      Histogram exactOnSemanticRoute = new Histogram(3);
      Histogram similar = new Histogram(3);
      for (int round = 0; round < ROUNDS; round++) {
        plain.ask(questions, false, exact);
        semantic.ask(questions, false, exactOnSemanticRoute);
        semantic.ask(questions, true, similar);
      }
      System.out.printf("%d questions x %d rounds, after %d warm-up rounds%n", questions.size(), ROUNDS, WARMUP_ROUNDS);
      print("exact hit, route without the semantic cache", exact);
      print("exact hit, route with the semantic cache (embedded first)", exactOnSemanticRoute);
      print("semantic hit (embedding included)", similar);
    }
  }

  /** Lower-cased: for the uncased model the same text, for the exact key another. */
  static String variant(String question) {
    return question.toLowerCase(Locale.ROOT);
  }

  private static void print(String what, Histogram micros) {
    System.out.printf(Locale.ROOT, "%-58s n=%d  p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", what,
        micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  /** The router and its question embedder in two drivers, the embedder's hop carried by hand. */
  private static final class HitRouter implements AutoCloseable {
    private final Path stateDir = Files.createTempDirectory("router-hit-bench");
    private final TopologyTestDriver router;
    private final TopologyTestDriver embedder;
    private final TestInputTopic<byte[], byte[]> requests;
    private final TestInputTopic<String, LlmReply> outcomes;
    private final TestOutputTopic<String, byte[]> toEmbed;
    private final TestInputTopic<String, byte[]> toEmbedIn;
    private final TestOutputTopic<String, byte[]> embedded;
    private final TestInputTopic<String, byte[]> byOrg;
    private final TestOutputTopic<String, LlmReply> replies;
    private final SluiceSerdes serdes = SluiceSerdes.withoutRegistry();
    private long sequence;

    HitRouter(boolean semanticCache) throws java.io.IOException {
      GatewayConfig config = BenchConfig.load("http://127.0.0.1:9/v1", ORGS, semanticCache);
      RouterSettings settings = RouterSettings.defaults("127.0.0.1:9", stateDir);
      Topics topics = new Topics(serdes);
      router = new TopologyTestDriver(RouterTopology.build(config, topics, topic -> true, Clock.systemUTC()),
          RouterService.streamsProperties(settings));
      embedder = new TopologyTestDriver(QuestionEmbedderTopology.build(topics, CacheResources.global()),
          RouterService.embedderStreamsProperties(settings));
      requests = router.createInputTopic(TopicNames.REQUESTS, new ByteArraySerializer(), new ByteArraySerializer());
      outcomes = router.createInputTopic(TopicNames.OUTCOMES, new StringSerializer(), serdes.replies().serializer());
      toEmbed = router.createOutputTopic(TopicNames.REQUESTS_TO_EMBED, new StringDeserializer(),
          new ByteArrayDeserializer());
      byOrg = router.createInputTopic(TopicNames.REQUESTS_BY_ORG, new StringSerializer(), new ByteArraySerializer());
      replies = router.createOutputTopic(TopicNames.REPLIES, new StringDeserializer(), serdes.replies().deserializer());
      toEmbedIn = embedder.createInputTopic(TopicNames.REQUESTS_TO_EMBED, new StringSerializer(),
          new ByteArraySerializer());
      embedded = embedder.createOutputTopic(TopicNames.REQUESTS_BY_ORG, new StringDeserializer(),
          new ByteArrayDeserializer());
    }

    /**
     * Asks each question once and answers it as a worker would, which fills the cache.
     *
     * @return the questions that were not already answered from the cache, which filled it
     */
    List<String> fill(List<String> questions) {
      List<String> filled = new java.util.ArrayList<>();
      for (String question : questions) {
        String id = send(question);
        if (!replies.readValuesToList().isEmpty()) {
          continue;
        }
        outcomes.pipeInput(DedupeKey.of(ORGS.org(0), id), answer(id));
        replies.readValuesToList();
        filled.add(question);
      }
      router.producedTopicNames().forEach(topic -> router
          .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList());
      return filled;
    }

    /** Asks each question again (or its variant), recording each hit's time in {@code micros} when given. */
    void ask(List<String> questions, boolean variant, Histogram micros) {
      for (String question : questions) {
        long start = System.nanoTime();
        send(variant ? variant(question) : question);
        List<LlmReply> written = replies.readValuesToList();
        long nanos = System.nanoTime() - start;
        String expected = variant ? "semantic" : "exact";
        if (written.size() != 1 || written.get(0).getCache() == null
            || !expected.equals(written.get(0).getCache().getKind())) {
          throw new IllegalStateException("expected one " + expected + " hit for '" + question + "', but the router wrote "
              + written);
        }
        if (micros != null) {
          micros.recordValue(nanos / 1_000);
        }
      }
    }

    private String send(String question) {
      String id = "hit-" + sequence++;
      LlmRequest request = LlmRequest.newBuilder().setRequestId(id).setVirtualKey(ORGS.secret(0)).setModel("fast")
          .setMessages(List.of(new ChatMessage("user", question, null))).setMaxTokens(64).setTemperature(0.0).build();
      requests.pipeInput(new TestRecord<>(id.getBytes(StandardCharsets.UTF_8),
          serdes.requests().serialize(TopicNames.REQUESTS, request)));
      for (TestRecord<String, byte[]> waiting : toEmbed.readRecordsToList()) {
        toEmbedIn.pipeInput(waiting);
      }
      embedded.readRecordsToList().forEach(byOrg::pipeInput);
      return id;
    }

    private static LlmReply answer(String requestId) {
      return LlmReply.newBuilder().setRequestId(requestId).setCorrelationId(requestId).setStatus(ReplyStatus.OK)
          .setContent("A cached answer.").setFinishReason("stop").setUsage(new Usage(20, 10)).setProvider("openai")
          .setModel("gpt-4o-mini").setCostMicros(9).setLatencyMs(400)
          .setAttempts(List.of(Attempt.newBuilder().setProvider("openai").setModel("gpt-4o-mini").setOutcome("ok")
              .setHttpStatus(200).setLatencyMs(400).setBilled(true).setKeyId("default").setCostMicros(9).build()))
          .setCompletedAt(Instant.now()).build();
    }

    @Override
    public void close() {
      router.close();
      embedder.close();
    }
  }
}
