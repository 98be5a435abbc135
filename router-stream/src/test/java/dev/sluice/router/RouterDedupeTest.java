package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.APP_REPLIES;
import static dev.sluice.router.fixtures.Fixtures.GAMMA_KEY;
import static dev.sluice.router.fixtures.Fixtures.NOW;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.router.stage.PromptDigest;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request id seen again gets the first request's terminal reply (its own correlation id), never
 * a second dispatch: at once when the first is done, when its outcome arrives while in flight.
 */
class RouterDedupeTest {
  private static final Duration WINDOW = Duration.ofHours(24);
  private static final String OPENAI = TopicNames.dispatch("openai");

  @TempDir
  Path stateDir;

  private RouterDriver router;

  @BeforeEach
  void start() {
    router = new RouterDriver(Fixtures.config(), FixedReplyTopicDirectory.of(APP_REPLIES), stateDir);
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void firstRequestIsDispatchedOnceWithThePartitionThatHoldsItsEntry() {
    router.send(Fixtures.request("req-1").build());

    Output out = router.output();
    assertThat(out.topics()).containsExactly(OPENAI);
    DispatchItem item = out.dispatched("openai").get(0).value.getItems().get(0);
    assertThat(item.getIntakePartition()).as("the test driver's only partition").isZero();
  }

  @Test
  void duplicatesInFlightAreNotDispatchedAndEachGetsTheOutcomeWithItsCorrelationId() {
    router.send(Fixtures.request("req-1").build());
    router.output();
    router.send(Fixtures.request("req-1").setCorrelationId("corr-a").setReplyTopic(APP_REPLIES).build());
    router.send(Fixtures.request("req-1").setCorrelationId("corr-b").build());

    assertThat(router.output().topics()).as("nothing while the first is in flight").isEmpty();

    LlmReply outcome = Fixtures.reply("req-1");
    router.outcome("acme", outcome);
    Output out = router.output();

    assertThat(out.topics()).containsExactlyInAnyOrder(APP_REPLIES, TopicNames.REPLIES, TopicNames.AUDIT);
    assertThat(out.replies(APP_REPLIES)).containsExactly(KeyValue.pair("req-1", copy(outcome, "corr-a")));
    assertThat(out.replies(TopicNames.REPLIES)).as("the first request's own reply is the worker's to send")
        .containsExactly(KeyValue.pair("req-1", copy(outcome, "corr-b")));
    List<AuditEvent> audits = out.audits().stream().map(kv -> kv.value).toList();
    assertThat(audits).hasSize(2);
    assertThat(audits).extracting(AuditEvent::getEventId)
        .containsExactly("llm.outcomes-0-0/request.deduplicated/0", "llm.outcomes-0-0/request.deduplicated/1");
    AuditEvent audit = audits.get(0);
    assertThat(audit.getAction()).isEqualTo("request.deduplicated");
    assertThat(audit.getRequestId()).isEqualTo("req-1");
    assertThat(audit.getOrg()).isEqualTo("acme");
    assertThat(audit.getKeyId()).as("the key that sent the copy").isEqualTo("key-alpha");
    assertThat(audit.getTeam()).isEqualTo(Fixtures.config().keys().getFirst().team());
    assertThat(audit.getPromptSha256()).isEqualTo(PromptDigest.of(Fixtures.request("req-1").build().getMessages()).sha256());
    assertThat(audit.getOutcome()).isEqualTo("ok");
    assertThat(audit.getProvider()).isEqualTo("openai");
    assertThat(audit.getCompletionSha256()).isEqualTo(Sha256.hex(outcome.getContent()));
    assertThat(audit.getOutputTokens()).isEqualTo(9);
    byte[] completion = outcome.getContent().getBytes(StandardCharsets.UTF_8);
    assertThat(out.raw(TopicNames.AUDIT)).as("completion text in the audit trail")
        .noneMatch(r -> Output.contains(r.value(), completion));
  }

  @Test
  void secondOutcomeForTheSameRequestIsIgnored() {
    router.send(Fixtures.request("req-1").build());
    router.send(Fixtures.request("req-1").setCorrelationId("corr-a").build());
    router.outcome("acme", Fixtures.reply("req-1"));
    router.output();

    router.outcome("acme", Fixtures.reply("req-1"));

    assertThat(router.output().topics()).isEmpty();
  }

  @Test
  void duplicateOfADoneRequestGetsItsReplyAtOnceWithAnAuditEvent() {
    router.send(Fixtures.request("req-1").build());
    LlmReply outcome = Fixtures.reply("req-1");
    router.outcome("acme", outcome);
    router.output();

    LlmRequest duplicate = Fixtures.request("req-1").setCorrelationId("corr-again").setReplyTopic(APP_REPLIES).build();
    router.send(duplicate, SENT.plusSeconds(5));
    Output out = router.output();

    assertThat(out.topics()).containsExactlyInAnyOrder(APP_REPLIES, TopicNames.AUDIT);
    LlmReply reply = out.replies(APP_REPLIES).get(0).value;
    assertThat(out.replies(APP_REPLIES)).containsExactly(KeyValue.pair("req-1", copy(outcome, "corr-again")));
    assertThat(reply.getCostMicros()).isEqualTo(outcome.getCostMicros());
    assertThat(reply.getAttempts()).isEqualTo(outcome.getAttempts());
    assertThat(out.audits()).hasSize(1);
    AuditEvent audit = out.audits().get(0).value;
    assertThat(out.audits().get(0).key).isEqualTo("req-1");
    assertThat(audit.getEventId()).isEqualTo("llm.requests-0-1/request.deduplicated");
    assertThat(audit.getAction()).isEqualTo("request.deduplicated");
    assertThat(audit.getKeyId()).isEqualTo("key-alpha");
    assertThat(audit.getOrg()).isEqualTo("acme");
    assertThat(audit.getOutcome()).isEqualTo("ok");
    assertThat(audit.getPromptSha256()).isEqualTo(PromptDigest.of(duplicate.getMessages()).sha256());
    assertThat(audit.getTime()).isEqualTo(NOW);
  }

  @Test
  void sameRequestIdFromTwoOrgsIsTwoRequestsAndNoOrgGetsTheOthersReply() {
    router.send(Fixtures.request("req-1").build());
    router.send(Fixtures.request("req-1").setVirtualKey(GAMMA_KEY).build());
    assertThat(router.output().dispatched("openai")).hasSize(2);

    router.outcome("acme", Fixtures.reply("req-1"));
    router.send(Fixtures.request("req-1").setVirtualKey(GAMMA_KEY).setCorrelationId("corr-globex").build());
    router.send(Fixtures.request("req-1").setCorrelationId("corr-acme").build());
    Output out = router.output();

    assertThat(out.topics()).doesNotContain(OPENAI);
    assertThat(out.replies(TopicNames.REPLIES)).extracting(kv -> kv.value.getCorrelationId())
        .as("globex's request is still in flight").containsExactly("corr-acme");
    assertThat(out.audits()).extracting(kv -> kv.value.getOrg()).containsExactly("acme");
  }

  @Test
  void requestIdIsForgottenOnceTheWindowHasPassedInRecordTime() {
    router.send(Fixtures.request("req-1").build());
    router.outcome("acme", Fixtures.reply("req-1"));
    router.output();

    router.send(Fixtures.request("req-1").setCorrelationId("corr-late").build(), SENT.plus(WINDOW).minusMillis(1));
    assertThat(router.output().replies(TopicNames.REPLIES)).as("just within the window").hasSize(1);

    router.send(Fixtures.request("req-1").setCorrelationId("corr-next-day").build(), SENT.plus(WINDOW));
    Output out = router.output();
    assertThat(out.topics()).containsExactly(OPENAI);
    assertThat(out.dispatched("openai").get(0).value.getItems().get(0).getCorrelationId()).isEqualTo("corr-next-day");
  }

  @Test
  void entryDropsOutOfTheStoreOnceStreamTimeHasMovedAWindowPastIt() {
    router.send(Fixtures.request("req-1").build());
    router.send(Fixtures.request("req-2").build(), SENT.plus(WINDOW).plusMillis(1));
    router.output();

    router.outcome("acme", Fixtures.reply("req-1"));
    assertThat(router.output().topics()).as("an outcome for a forgotten entry").isEmpty();

    router.send(Fixtures.request("req-1").setCorrelationId("corr-old").build(), SENT.plusMillis(1));
    assertThat(router.output().dispatched("openai")).as("a late duplicate is a new request").hasSize(1);
  }

  @Test
  void rejectedRequestsLeaveNoEntryAndTheirDuplicatesAreRejectedAlike() {
    router.send(Fixtures.request("req-1").setMaxTokens(0).build());
    router.send(Fixtures.request("req-1").setMaxTokens(0).build());

    List<KeyValue<String, LlmReply>> replies = router.output().replies(TopicNames.REPLIES);
    assertThat(replies).hasSize(2);
    assertThat(replies.get(1).value.getError()).isEqualTo(replies.get(0).value.getError());
  }

  @Test
  void duplicatesBeyondTheWaitingLimitAreRefused() {
    router.send(Fixtures.request("req-1").build());
    for (int i = 0; i < 1_000; i++) {
      router.send(Fixtures.request("req-1").setCorrelationId("corr-" + i).build());
    }
    assertThat(router.output().topics()).containsExactly(OPENAI);

    router.send(Fixtures.request("req-1").setCorrelationId("corr-too-many").build());
    Output refused = router.output();
    assertThat(refused.replies(TopicNames.REPLIES)).hasSize(1);
    LlmReply reply = refused.replies(TopicNames.REPLIES).get(0).value;
    assertThat(reply.getCorrelationId()).isEqualTo("corr-too-many");
    assertThat(reply.getError().getCode()).isEqualTo("rate_limited");
    assertThat(reply.getError().getMessage()).isEqualTo("request_id 'req-1' already has 1000 duplicates waiting "
        + "for its first request's reply, the limit of 1000; send it again once that reply has arrived");

    router.outcome("acme", Fixtures.reply("req-1"));
    assertThat(router.output().replies(TopicNames.REPLIES)).hasSize(1_000);
  }

  private static LlmReply copy(LlmReply reply, String correlationId) {
    return LlmReply.newBuilder(reply).setCorrelationId(correlationId).build();
  }
}
