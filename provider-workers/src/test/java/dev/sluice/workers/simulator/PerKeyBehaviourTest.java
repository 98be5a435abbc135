package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.ADMIN_BEHAVIOUR_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.ADMIN_CALLS_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.ANTHROPIC_MESSAGES_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour per API key and the call counters, from Java and over the admin endpoints. */
class PerKeyBehaviourTest {
  private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String MESSAGE = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @BeforeEach
  void reset() {
    sim.behaviour(SimulatorBehaviour.normal());
    sim.resetCalls();
  }

  private static RawHttp.Reply chat(String apiKey) throws Exception {
    return RawHttp.post(sim, OPENAI_CHAT_PATH, Map.of("Authorization", "Bearer " + apiKey), CHAT);
  }

  @Test
  void aKeyWithABehaviourOfItsOwnGetsItAndOthersGetTheDefault() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withKey("key-a",
        SimulatorBehaviour.normal().withFaults(OPENAI_CHAT_PATH, FaultPlan.always(Fault.rateLimited(7)))));

    RawHttp.Reply a = chat("key-a");
    RawHttp.Reply b = chat("key-b");
    RawHttp.Reply a2 = chat("key-a");

    assertThat(a.status()).isEqualTo(429);
    assertThat(a.retryAfter()).isEqualTo("7");
    assertThat(b.status()).isEqualTo(200);
    assertThat(a2.status()).isEqualTo(429);
    CallCounters counters = sim.counters();
    assertThat(counters.total()).isEqualTo(3);
    assertThat(counters.withKey("key-a")).isEqualTo(2);
    assertThat(counters.withKey("key-b")).isEqualTo(1);
    assertThat(counters.withStatus(429)).isEqualTo(2);
    assertThat(counters.withStatus(200)).isEqualTo(1);
    assertThat(counters.onPath(OPENAI_CHAT_PATH)).isEqualTo(3);
  }

  @Test
  void eachKeyRunsThroughItsOwnFaultSequence() throws Exception {
    SimulatorBehaviour twoFailures = SimulatorBehaviour.normal()
        .withFaults(OPENAI_CHAT_PATH, FaultPlan.sequence(Fault.status(503), Fault.status(503)));
    sim.behaviour(twoFailures.withKey("key-a", twoFailures));

    assertThat(chat("key-a").status()).isEqualTo(503);
    assertThat(chat("key-b").status()).isEqualTo(503);
    assertThat(chat("key-a").status()).isEqualTo(503);
    assertThat(chat("key-a").status()).isEqualTo(200);
    assertThat(chat("key-b").status()).isEqualTo(503);
  }

  @Test
  void theAdminEndpointsInstallPerKeyBehaviourAndShowAndResetTheCounters() throws Exception {
    String json = "{\"keys\":{\"key-a\":{\"faults\":{\"/v1/chat/completions\":{\"random\":{\"type\":\"status\",\"status\":500}}}}}}";

    RawHttp.Reply installed = RawHttp.post(sim, ADMIN_BEHAVIOUR_PATH, Map.of(), json);
    chat("key-a");
    chat("key-b");
    RawHttp.Reply counted = RawHttp.get(sim, ADMIN_CALLS_PATH);
    RawHttp.Reply cleared = RawHttp.send(new Request.Builder().url(sim.baseUrl() + ADMIN_CALLS_PATH).delete().build());

    assertThat(installed.status()).isEqualTo(200);
    assertThat(installed.json().at("/keys/key-a/faults/~1v1~1chat~1completions/random/status").asInt()).isEqualTo(500);
    assertThat(counted.json().get("total").asLong()).isEqualTo(2);
    assertThat(counted.json().at("/by_key/" + KeyLabel.of("key-a")).asLong()).isEqualTo(1);
    assertThat(counted.json().at("/by_status/500").asLong()).isEqualTo(1);
    assertThat(counted.json().at("/by_status/200").asLong()).isEqualTo(1);
    assertThat(counted.body()).doesNotContain("key-a");
    assertThat(cleared.json().get("total").asLong()).isZero();
    assertThat(sim.counters().total()).isZero();
  }

  @Test
  void aRequestLimitSendsOpenAiRateLimitHeadersAndRefusesCallsBeyondIt() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withRequestsPerMinute(2));

    RawHttp.Reply first = chat("key-a");
    RawHttp.Reply second = chat("key-a");
    RawHttp.Reply third = chat("key-a");
    RawHttp.Reply otherKey = chat("key-b");

    assertThat(first.headers().get("x-ratelimit-limit-requests")).isEqualTo("2");
    assertThat(first.headers().get("x-ratelimit-remaining-requests")).isEqualTo("1");
    assertThat(first.headers().get("x-ratelimit-reset-requests")).matches("(59(\\.\\d+)?s|1m0s)");
    assertThat(second.headers().get("x-ratelimit-remaining-requests")).isEqualTo("0");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.retryAfter()).isIn("59", "60");
    assertThat(otherKey.status()).isEqualTo(200);
    assertThat(otherKey.headers().get("x-ratelimit-remaining-requests")).isEqualTo("1");
  }

  @Test
  void aRequestLimitSendsAnthropicRateLimitHeaders() throws Exception {
    sim.behaviour(SimulatorBehaviour.normal().withKey("key-a", SimulatorBehaviour.normal().withRequestsPerMinute(5)));
    Map<String, String> auth = Map.of("x-api-key", "key-a", "anthropic-version", "2023-06-01");

    RawHttp.Reply reply = RawHttp.post(sim, ANTHROPIC_MESSAGES_PATH, auth, MESSAGE);
    RawHttp.Reply unlimited = RawHttp.post(sim, ANTHROPIC_MESSAGES_PATH,
        Map.of("x-api-key", "key-b", "anthropic-version", "2023-06-01"), MESSAGE);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("anthropic-ratelimit-requests-limit")).isEqualTo("5");
    assertThat(reply.headers().get("anthropic-ratelimit-requests-remaining")).isEqualTo("4");
    assertThat(java.time.Instant.parse(reply.headers().get("anthropic-ratelimit-requests-reset")))
        .isAfter(java.time.Instant.now().plusSeconds(50));
    assertThat(unlimited.headers()).doesNotContainKey("anthropic-ratelimit-requests-limit");
  }
}
