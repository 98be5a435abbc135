package dev.sluice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.LlmRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real in-process broker, with a test responder playing the gateway. */
class SluiceClientIT {
  /** Generous bound on waiting for a future that should complete; not a timing assertion. */
  private static final long WAIT_S = 30;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.ephemeral().build().start();
    broker.createTopics(List.of(TopicNames.REQUESTS, TopicNames.REPLIES, "replies.many", "replies.timeout"), 3);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void avroRequestIsAnsweredOnTheClientsReplyTopic() throws Exception {
    try (TestResponder responder = new TestResponder(broker.bootstrapServers());
        SluiceClient client = new SluiceClient(SluiceClientSettings.of(broker.bootstrapServers()))) {
      LlmReply reply = client.send(request("", "hello")).get(WAIT_S, TimeUnit.SECONDS);

      assertThat(reply.getContent()).isEqualTo("echo: hello");
      assertThat(reply.getRequestId()).isNotBlank();
      assertThat(reply.getModel()).isEqualTo("fast");
    }
  }

  @Test
  void batchLineCarriesItsHeadersAndIsAnswered() throws Exception {
    String line = "{\"custom_id\":\"row-7\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
        + "\"body\":{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}}";
    try (TestResponder responder = new TestResponder(broker.bootstrapServers());
        SluiceClient client = new SluiceClient(SluiceClientSettings.of(broker.bootstrapServers()))) {
      LlmReply reply = client.sendBatchLine("req-line-7", line, "sk-test", Map.of("sluice-meta-team", "payments"))
          .get(WAIT_S, TimeUnit.SECONDS);

      assertThat(reply.getRequestId()).isEqualTo("req-line-7");
      assertThat(reply.getCorrelationId()).isEqualTo("row-7");
      assertThat(reply.getContent()).isEqualTo("echo [key sk-test, team payments]: hi there");
    }
  }

  @Test
  void manyConcurrentRequestsEachGetTheirOwnReply() throws Exception {
    SluiceClientSettings settings = SluiceClientSettings.of(broker.bootstrapServers()).withReplyTopic("replies.many");
    try (TestResponder responder = new TestResponder(broker.bootstrapServers());
        SluiceClient client = new SluiceClient(settings)) {
      List<CompletableFuture<LlmReply>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(client.send(request("many-" + i, "question " + i)));
      }
      for (int i = 0; i < 200; i++) {
        LlmReply reply = futures.get(i).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(reply.getRequestId()).isEqualTo("many-" + i);
        assertThat(reply.getContent()).isEqualTo("echo: question " + i);
      }
      assertThat(client.pendingCount()).isZero();
    }
  }

  @Test
  void requestWithoutReplyFailsWithATimeoutNamingTheRequest() {
    SluiceClientSettings settings = SluiceClientSettings.of(broker.bootstrapServers())
        .withReplyTopic("replies.timeout").withTimeout(Duration.ofMillis(300));
    try (SluiceClient client = new SluiceClient(settings)) {
      CompletableFuture<LlmReply> future = client.send(request("never-answered", "anyone?"));

      assertThatThrownBy(() -> future.get(WAIT_S, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(TimeoutException.class)
          .hasMessage("no reply to request never-answered within 300 ms");
      assertThat(client.pendingCount()).isZero();
    }
  }

  @Test
  void closeFailsRequestsStillWaiting() {
    SluiceClientSettings settings = SluiceClientSettings.of(broker.bootstrapServers()).withReplyTopic("replies.timeout");
    CompletableFuture<LlmReply> future;
    try (SluiceClient client = new SluiceClient(settings)) {
      future = client.send(request("closed-early", "hello?"));
    }
    assertThatThrownBy(() -> future.get(WAIT_S, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("client closed before a reply to request closed-early arrived");
  }

  @Test
  void missingReplyTopicIsReportedAtOnce() {
    SluiceClientSettings settings = SluiceClientSettings.of(broker.bootstrapServers()).withReplyTopic("no.such.topic");
    assertThatThrownBy(() -> new SluiceClient(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reply topic 'no.such.topic' does not exist");
  }

  static LlmRequest request(String id, String prompt) {
    return LlmRequest.newBuilder()
        .setRequestId(id)
        .setModel("fast")
        .setMessages(List.of(new ChatMessage("user", prompt, null)))
        .build();
  }
}
