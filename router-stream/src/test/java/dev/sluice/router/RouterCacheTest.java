package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.MutableClock;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.avro.CachePolicy;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact cache in the router's topology: hits, misses, policies, tenants, fills, expiry and invalidation. */
class RouterCacheTest {
  /** Routes "smart" and "cheap" with a 10-minute TTL; "cheap" may also cache truncated answers. */
  private static final String CACHE = """
      cache: {ttl_seconds: 600}
      """;

  @TempDir
  Path stateDir;
  private final MutableClock clock = new MutableClock(NOW);
  private RouterDriver router;

  @AfterEach
  void close() {
    if (router != null) {
      router.close();
    }
  }

  @Test
  void aDeterministicRequestIsAnsweredFromTheCacheOnceAnEqualOneWasAnswered() {
    router = driver(CACHE);
    router.send(deterministic("req-1").build());
    assertThat(router.output().dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-1");
    router.outcome("acme", Fixtures.reply("req-1"));
    router.output();

    router.send(deterministic("req-2").build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).isEmpty();
    List<KeyValue<String, LlmReply>> replies = out.replies(TopicNames.REPLIES);
    assertThat(replies).extracting(kv -> kv.key).containsExactly("req-2");
    LlmReply hit = replies.get(0).value;
    assertThat(hit.getRequestId()).isEqualTo("req-2");
    assertThat(hit.getCorrelationId()).isEqualTo("corr-req-2");
    assertThat(hit.getContent()).isEqualTo(Fixtures.reply("req-1").getContent());
    assertThat(hit.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(hit.getCostMicros()).isZero();
    assertThat(hit.getAttempts()).isEmpty();
    assertThat(hit.getLatencyMs()).isEqualTo(250);
    assertThat(hit.getCache().getKind()).isEqualTo("exact");
    assertThat(hit.getCache().getSimilarity()).isEqualTo(1.0);
    assertThat(hit.getCache().getSourceRequestId()).isEqualTo("req-1");

    List<KeyValue<String, CostLedgerEntry>> ledger = out.ledgerEntries();
    assertThat(ledger).hasSize(1);
    assertThat(ledger.get(0).key).isEqualTo("acme");
    CostLedgerEntry entry = ledger.get(0).value;
    assertThat(entry.getEntryId()).isEqualTo("req-2:cache");
    assertThat(entry.getCostMicros()).isZero();
    assertThat(entry.getSavedMicros()).isEqualTo(143);
    assertThat(entry.getCacheHit()).isEqualTo("exact");
    assertThat(entry.getKeyId()).isEqualTo("key-alpha");
    assertThat(entry.getWorkflow()).isEqualTo("nightly-enrichment");
    assertThat(entry.getPriceBasis().getMode()).isEqualTo("cache");
    assertThat(entry.getPriceBasis().getInputMicrosPerMillion()).isEqualTo(2_500_000);

    AuditEvent audit = out.audits().get(0).value;
    assertThat(audit.getAction()).isEqualTo("request.cached");
    assertThat(audit.getRequestId()).isEqualTo("req-2");
    assertThat(audit.getOutcome()).isEqualTo("ok");
    assertThat(audit.getRoutingDecision()).isEqualTo("cache exact hit of request req-1");
  }

  @Test
  void aDuplicateOfAnAnsweredHitGetsTheSameCachedReply() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").build());
    router.send(deterministic("req-2").build());
    LlmReply hit = router.output().replies(TopicNames.REPLIES).get(0).value;

    router.send(deterministic("req-2").setCorrelationId("again").build());

    LlmReply copy = router.output().replies(TopicNames.REPLIES).get(0).value;
    assertThat(copy.getCache()).isEqualTo(hit.getCache());
    assertThat(copy.getCorrelationId()).isEqualTo("again");
    assertThat(copy.getContent()).isEqualTo(hit.getContent());
  }

  static Stream<Arguments> outputChangingChanges() {
    return Stream.of(
        Arguments.of("temperature", (UnaryOperator<LlmRequest.Builder>) b -> b.setTemperature(0.5)),
        Arguments.of("max_tokens", (UnaryOperator<LlmRequest.Builder>) b -> b.setMaxTokens(255)),
        Arguments.of("another parameter", (UnaryOperator<LlmRequest.Builder>) b -> b.setParametersJson("{\"top_p\":0.8}")),
        Arguments.of("a parameter more", (UnaryOperator<LlmRequest.Builder>) b -> b.setParametersJson("{\"top_p\":0.9,\"seed\":1}")),
        Arguments.of("the route", (UnaryOperator<LlmRequest.Builder>) b -> b.setModel("cheap")),
        Arguments.of("the system prompt", (UnaryOperator<LlmRequest.Builder>) b -> b.setMessages(
            new ArrayList<>(List.of(message("system", "Be verbose."), message("user", Fixtures.PROMPT))))),
        Arguments.of("the question", (UnaryOperator<LlmRequest.Builder>) b -> b.setMessages(
            new ArrayList<>(List.of(message("system", "Be brief."), message("user", Fixtures.PROMPT + "!"))))),
        Arguments.of("a message's role", (UnaryOperator<LlmRequest.Builder>) b -> b.setMessages(
            new ArrayList<>(List.of(message("user", "Be brief."), message("user", Fixtures.PROMPT))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputChangingChanges")
  void aRequestThatDiffersInAnythingThatChangesTheOutputMisses(String what, UnaryOperator<LlmRequest.Builder> change) {
    router = driver(CACHE);
    answer("req-1", used("req-1").build());

    router.send(change.apply(used("req-2")).build());

    Output out = router.output();
    assertThat(out.replies(TopicNames.REPLIES)).as("no cached reply when %s differs", what).isEmpty();
    assertThat(Stream.of("openai", "anthropic").flatMap(p -> out.dispatched(p).stream()))
        .extracting(kv -> kv.key).containsExactly("req-2");
  }

  @Test
  void parametersMatchWhateverTheOrderOfTheirKeys() {
    router = driver(CACHE);
    answer("req-1", used("req-1").setParametersJson("{\"top_p\":0.9,\"seed\":7}").build());

    router.send(used("req-2").setParametersJson("{ \"seed\": 7, \"top_p\": 0.9 }").build());

    assertThat(router.output().replies(TopicNames.REPLIES)).extracting(kv -> kv.value.getCache().getSourceRequestId())
        .containsExactly("req-1");
  }

  @Test
  void anotherOrgWithTheSamePromptNeverGetsTheAnswer() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").build());

    router.send(deterministic("req-2").setVirtualKey(Fixtures.GAMMA_KEY).build());

    Output out = router.output();
    assertThat(out.replies(TopicNames.REPLIES)).isEmpty();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-2");
    assertThat(router.cacheEntries("globex")).isEmpty();
    assertThat(router.cacheEntries("acme")).hasSize(1);
  }

  @Test
  void aNonDeterministicRequestUsesTheCacheOnlyWhenItAsks() {
    router = driver(CACHE);
    router.send(Fixtures.request("req-1").build());
    router.outcome("acme", Fixtures.reply("req-1"));
    assertThat(router.cacheEntries("acme")).as("temperature 0.2 and policy default: no fill").isEmpty();

    answer("req-2", used("req-2").build());
    router.send(used("req-3").build());

    assertThat(router.output().replies(TopicNames.REPLIES)).extracting(kv -> kv.value.getCache().getSourceRequestId())
        .containsExactly("req-2");
  }

  @Test
  void bypassNeitherReadsNorFills() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").build());

    router.send(deterministic("req-2").setCachePolicy(CachePolicy.BYPASS).build());
    router.outcome("acme", LlmReply.newBuilder(Fixtures.reply("req-2")).setContent("fresh").build());

    assertThat(router.output().dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-2");
    assertThat(router.cacheEntries("acme").values()).extracting(e -> e.getReply().getRequestId()).containsExactly("req-1");
  }

  @Test
  void refreshCallsTheProviderAndReplacesTheEntry() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").build());

    router.send(deterministic("req-2").setCachePolicy(CachePolicy.REFRESH).build());
    assertThat(router.output().dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-2");
    router.outcome("acme", LlmReply.newBuilder(Fixtures.reply("req-2")).setContent("fresh").build());
    router.send(deterministic("req-3").build());

    LlmReply hit = router.output().replies(TopicNames.REPLIES).get(0).value;
    assertThat(hit.getContent()).isEqualTo("fresh");
    assertThat(hit.getCache().getSourceRequestId()).isEqualTo("req-2");
    assertThat(router.cacheEntries("acme")).hasSize(1);
  }

  @Test
  void onlyAnswersFromTheCacheOrFailsFastWithCacheMiss() {
    router = driver(CACHE);
    router.send(deterministic("req-1").setCachePolicy(CachePolicy.ONLY).build());

    Output out = router.output();
    assertThat(out.dispatched("openai")).isEmpty();
    LlmReply miss = out.replies(TopicNames.REPLIES).get(0).value;
    assertThat(miss.getError().getCode()).isEqualTo("cache_miss");
    assertThat(miss.getError().getParam()).isEqualTo("cache_policy");
    assertThat(miss.getError().getMessage()).isEqualTo("cache_policy is 'only' but no cached answer of route 'smart' "
        + "matches this request; send it with another cache_policy to call a provider");

    answer("req-2", deterministic("req-2").build());
    router.send(deterministic("req-3").setCachePolicy(CachePolicy.ONLY).build());
    assertThat(router.output().replies(TopicNames.REPLIES)).extracting(kv -> kv.value.getCache().getSourceRequestId())
        .containsExactly("req-2");
  }

  @Test
  void errorsAndTruncatedAnswersDoNotFillUnlessTheRouteAllowsTruncated() {
    router = driver(CACHE + """
        routes:
          smart:
            targets:
              - {provider: openai, model: gpt-4o}
          cheap:
            cache: {fill_truncated: true}
            targets:
              - {provider: openai, model: gpt-4o-mini}
        """);
    router.send(deterministic("req-1").build());
    router.outcome("acme", LlmReply.newBuilder(Fixtures.reply("req-1")).setStatus(ReplyStatus.ERROR)
        .setError(dev.sluice.schemas.ErrorCode.PROVIDER_ERROR.toError("boom", null)).build());
    router.send(deterministic("req-2").setMaxTokens(100).build());
    router.outcome("acme", truncated("req-2"));
    assertThat(router.cacheEntries("acme")).as("an error and a truncated answer on smart").isEmpty();

    router.send(deterministic("req-3").setModel("cheap").build());
    router.outcome("acme", truncated("req-3"));

    assertThat(router.cacheEntries("acme").values()).extracting(e -> e.getReply().getRequestId()).containsExactly("req-3");
  }

  @Test
  void anEntryAnswersUntilItsTtlAndTheSweepDeletesItThen() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").build());

    clock.advance(Duration.ofSeconds(599));
    router.send(deterministic("req-2").build());
    assertThat(router.output().replies(TopicNames.REPLIES)).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    router.send(deterministic("req-3").build());
    Output out = router.output();
    assertThat(out.replies(TopicNames.REPLIES)).isEmpty();
    assertThat(out.dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-3");

    assertThat(router.cacheEntries("acme")).hasSize(1);
    router.advanceWallClock(Duration.ofMinutes(1));
    assertThat(router.cacheEntries("acme")).isEmpty();
  }

  @Test
  void anInvalidationDropsTheEntriesOfItsNamespaceRouteOrTag() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").setCacheTags(List.of("faq")).build());
    answer("req-2", deterministic("req-2").setModel("cheap").setCacheTags(List.of("pricing")).build());
    answer("req-3", deterministic("req-3").setMaxTokens(100).setCacheTags(List.of("pricing")).build());
    answer("req-4", deterministic("req-4").setVirtualKey(Fixtures.GAMMA_KEY).build());
    assertThat(router.cacheEntries("acme")).hasSize(3);

    router.invalidate(invalidation("acme", "cheap", null));
    assertThat(sources("acme")).containsExactlyInAnyOrder("req-1", "req-3");
    router.invalidate(invalidation("acme", null, "pricing"));
    assertThat(sources("acme")).containsExactly("req-1");
    router.invalidate(invalidation("acme", null, null));
    assertThat(sources("acme")).isEmpty();
    assertThat(sources("globex")).containsExactly("req-4");

    List<AuditEvent> audits = router.output().audits().stream().map(kv -> kv.value)
        .filter(a -> a.getAction().equals("cache.invalidated")).toList();
    assertThat(audits).extracting(AuditEvent::getRoutingDecision).containsExactly(
        "namespace acme, route cheap (reason: test): 1 entries dropped",
        "namespace acme, tag pricing (reason: test): 1 entries dropped",
        "namespace acme (reason: test): 1 entries dropped");

    router.send(deterministic("req-5").build());
    assertThat(router.output().dispatched("openai")).extracting(kv -> kv.key).containsExactly("req-5");
  }

  @Test
  void aRequestInFlightWhenItsNamespaceIsInvalidatedStillFillsWithItsOwnAnswer() {
    router = driver(CACHE);
    answer("req-1", deterministic("req-1").build());
    router.send(deterministic("req-2").setCachePolicy(CachePolicy.REFRESH).build());

    router.invalidate(invalidation("acme", null, null));
    router.outcome("acme", LlmReply.newBuilder(Fixtures.reply("req-2")).setContent("after").build());
    router.send(deterministic("req-3").build());

    LlmReply hit = router.output().replies(TopicNames.REPLIES).get(0).value;
    assertThat(hit.getContent()).isEqualTo("after");
    assertThat(hit.getCache().getSourceRequestId()).isEqualTo("req-2");
  }

  @Test
  void aParaphraseIsAnsweredSemanticallyButNotAnotherQuestionNorAnotherOrg() {
    router = driver(CACHE + """
        routes:
          smart:
            cache: {semantic: true, similarity_threshold: 0.9}
            targets:
              - {provider: openai, model: gpt-4o}
          cheap:
            targets:
              - {provider: openai, model: gpt-4o-mini}
        """);
    answer("req-1", asking("req-1", "How do I reset my password?").build());
    assertThat(router.cacheEntries("acme").values()).singleElement()
        .satisfies(entry -> assertThat(entry.getEmbedding()).isNotNull());

    router.send(asking("req-2", "How can I reset my password?").build());
    router.send(asking("req-3", "What is the capital of France?").build());
    router.send(asking("req-4", "How can I reset my password?").setVirtualKey(Fixtures.GAMMA_KEY).build());
    router.send(asking("req-5", "How can I reset my password?").setMessages(new ArrayList<>(List.of(
        message("system", "Answer in French."), message("user", "How can I reset my password?")))).build());

    Output out = router.output();
    List<KeyValue<String, LlmReply>> replies = out.replies(TopicNames.REPLIES);
    assertThat(replies).extracting(kv -> kv.key).containsExactly("req-2");
    LlmReply hit = replies.get(0).value;
    assertThat(hit.getCache().getKind()).isEqualTo("semantic");
    assertThat(hit.getCache().getSourceRequestId()).isEqualTo("req-1");
    assertThat(hit.getCache().getSimilarity()).isBetween(0.9, 1.0);
    assertThat(out.ledgerEntries()).extracting(kv -> kv.value.getCacheHit()).containsExactly("semantic");
    assertThat(out.dispatched("openai")).as("another question, another org, another system prompt")
        .extracting(kv -> kv.key).containsExactly("req-3", "req-4", "req-5");
  }

  @Test
  void onlyRequestsTheSemanticCacheMayAnswerGoThroughTheQuestionEmbedder() {
    router = driver(CACHE + """
        routes:
          smart:
            cache: {semantic: true}
            targets:
              - {provider: openai, model: gpt-4o}
          cheap:
            targets:
              - {provider: openai, model: gpt-4o-mini}
        """);

    router.send(asking("req-1", "How do I reset my password?").build());
    assertThat(router.embeddedRequests()).isEqualTo(1);
    router.send(asking("req-2", "How do I reset my password?").setModel("cheap").build());
    router.send(asking("req-3", "How do I reset my password?").setCachePolicy(CachePolicy.BYPASS).build());
    router.send(asking("req-4", "How do I reset my password?").setTemperature(0.7).build());

    assertThat(router.embeddedRequests()).as("another route, bypass, a non-deterministic request").isEqualTo(1);
    assertThat(router.output().dispatched("openai")).extracting(kv -> kv.key)
        .containsExactly("req-1", "req-2", "req-3", "req-4");
  }

  private static LlmRequest.Builder asking(String requestId, String question) {
    return deterministic(requestId).setMessages(new ArrayList<>(List.of(message("system", "Be brief."),
        message("user", question))));
  }

  private List<String> sources(String namespace) {
    return router.cacheEntries(namespace).values().stream().map(e -> e.getReply().getRequestId()).toList();
  }

  /** Sends the request and its successful outcome, which fills the cache when the request may. */
  private void answer(String requestId, LlmRequest request) {
    router.send(request);
    router.outcome(Fixtures.GAMMA_KEY.equals(request.getVirtualKey()) ? "globex" : "acme", Fixtures.reply(requestId));
    router.output();
  }

  private static LlmRequest.Builder deterministic(String requestId) {
    return Fixtures.request(requestId).setTemperature(0.0).setDeadline(null);
  }

  private static LlmRequest.Builder used(String requestId) {
    return Fixtures.request(requestId).setCachePolicy(CachePolicy.USE).setDeadline(null);
  }

  private static LlmReply truncated(String requestId) {
    return LlmReply.newBuilder(Fixtures.reply(requestId)).setStatus(ReplyStatus.TRUNCATED).setFinishReason("length")
        .build();
  }

  private static CacheInvalidation invalidation(String namespace, String route, String tag) {
    return CacheInvalidation.newBuilder().setNamespace(namespace).setRoute(route).setTag(tag).setReason("test")
        .setRequestedAt(NOW).build();
  }

  private RouterDriver driver(String yaml) {
    String base = yaml.contains("routes:") ? Fixtures.YAML.replaceFirst("(?s)routes:.*?keys:", "keys:") : Fixtures.YAML;
    return new RouterDriver(GatewayConfigLoader.parse(base + yaml, "cache.yaml"),
        FixedReplyTopicDirectory.of(Fixtures.APP_REPLIES), stateDir, clock);
  }
}
