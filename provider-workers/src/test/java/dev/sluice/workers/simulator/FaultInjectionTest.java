package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.ANTHROPIC_MESSAGES_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static dev.sluice.workers.simulator.RawHttp.ANTHROPIC_AUTH;
import static dev.sluice.workers.simulator.RawHttp.OPENAI_AUTH;
import static dev.sluice.workers.simulator.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static final String OPENAI_REQUEST = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ANTHROPIC_REQUEST =
      "{\"model\":\"c\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  /** A fresh simulator per test, so that every fault sequence and call count starts from zero. */
  @AutoClose
  private final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  private RawHttp.Reply callOpenAi() throws IOException {
    return post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, OPENAI_REQUEST);
  }

  private RawHttp.Reply callAnthropic() throws IOException {
    return post(sim, ANTHROPIC_MESSAGES_PATH, ANTHROPIC_AUTH, ANTHROPIC_REQUEST);
  }

  @Test
  void playsTheSequenceInOrderThenAnswersAndCountsEveryCall() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH,
        FaultPlan.sequence(Fault.status(503), Fault.rateLimited(7), Fault.none(), Fault.status(400))));

    RawHttp.Reply first = callOpenAi();
    RawHttp.Reply second = callOpenAi();
    RawHttp.Reply third = callOpenAi();
    RawHttp.Reply fourth = callOpenAi();
    RawHttp.Reply fifth = callOpenAi();

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.json().at("/error/type").asText()).isEqualTo("server_error");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.retryAfter()).isEqualTo("7");
    assertThat(second.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(third.status()).isEqualTo(200);
    assertThat(fourth.status()).isEqualTo(400);
    assertThat(fifth.status()).isEqualTo(200);
    assertThat(sim.calls(OPENAI_CHAT_PATH)).isEqualTo(5);
    assertThat(sim.calls(ANTHROPIC_MESSAGES_PATH)).isZero();
  }

  @Test
  void faultsOnlyThePathTheyAreFor() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(ANTHROPIC_MESSAGES_PATH, FaultPlan.always(Fault.status(529))));

    RawHttp.Reply anthropic = callAnthropic();
    RawHttp.Reply openAi = callOpenAi();

    assertThat(anthropic.status()).isEqualTo(529);
    assertThat(anthropic.json().get("type").asText()).isEqualTo("error");
    assertThat(anthropic.json().at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(openAi.status()).isEqualTo(200);
  }

  @Test
  void installingABehaviourRestartsItsSequence() throws Exception {
    SimulatorBehaviour failOnce = SimulatorBehaviour.normal()
        .withFaults(OPENAI_CHAT_PATH, FaultPlan.sequence(Fault.status(500)));
    sim.behaviour(failOnce);
    callOpenAi();
    assertThat(callOpenAi().status()).isEqualTo(200);

    sim.behaviour(failOnce);

    assertThat(callOpenAi().status()).isEqualTo(500);
    sim.resetCalls();
    assertThat(sim.calls(OPENAI_CHAT_PATH)).isZero();
  }

  @Test
  void randomFaultsFollowTheirProbabilityAtTheExtremes() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal()
        .withFaults(OPENAI_CHAT_PATH, FaultPlan.random(Fault.status(502), 1.0))
        .withFaults(ANTHROPIC_MESSAGES_PATH, FaultPlan.random(Fault.status(502), 0.0)));

    for (int i = 0; i < 5; i++) {
      assertThat(callOpenAi().status()).isEqualTo(502);
      assertThat(callAnthropic().status()).isEqualTo(200);
    }
  }

  @Test
  void malformedAndCutJsonAre200sThatDoNotParse() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH,
        FaultPlan.sequence(Fault.malformedJson(), Fault.cutJson())));

    RawHttp.Reply malformed = callOpenAi();
    RawHttp.Reply cut = callOpenAi();

    assertThat(malformed.status()).isEqualTo(200);
    assertThat(malformed.json()).isNull();
    assertThat(cut.status()).isEqualTo(200);
    assertThat(cut.body()).startsWith("{\"id\":\"chatcmpl-");
    assertThat(cut.json()).isNull();
  }

  @Test
  void truncatedBodyEndsTheConnectionBeforeContentLengthIsReached() {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.truncatedBody())));

    assertThatThrownBy(this::callOpenAi).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unexpected end of stream");
  }

  @Test
  void disconnectClosesWithoutAnyResponse() {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.disconnect())));

    assertThatThrownBy(this::callOpenAi).isInstanceOf(IOException.class)
        .isNotInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("unexpected end of stream");
    assertThat(sim.calls(OPENAI_CHAT_PATH)).isEqualTo(1);
  }

  @Test
  void hangNeverAnswersSoTheClientTimesOut() {
    sim.behaviour(SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.hang())));
    OkHttpClient impatient = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(300)).build();
    Request request = new Request.Builder().url(sim.baseUrl() + OPENAI_CHAT_PATH)
        .header("Authorization", "Bearer k")
        .post(RequestBody.create(OPENAI_REQUEST, MediaType.get("application/json")))
        .build();

    assertThatThrownBy(() -> impatient.newCall(request).execute().close())
        .isInstanceOf(InterruptedIOException.class)
        .hasMessage("timeout");
  }
}
