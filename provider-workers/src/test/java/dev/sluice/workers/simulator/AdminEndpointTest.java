package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.ADMIN_BEHAVIOUR_PATH;
import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AdminEndpointTest {
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @Test
  void postInstallsTheBehaviourAndGetShowsIt() throws Exception {
    String json = "{\"latency\":{\"fixed_ms\":0,\"jitter_ms\":0},"
        + "\"faults\":{\"/v1/chat/completions\":{\"sequence\":[{\"type\":\"status\",\"status\":503}]}}}";

    RawHttp.Reply installed = RawHttp.post(sim, ADMIN_BEHAVIOUR_PATH, Map.of(), json);
    RawHttp.Reply shown = RawHttp.get(sim, ADMIN_BEHAVIOUR_PATH);
    RawHttp.Reply call = RawHttp.post(sim, OPENAI_CHAT_PATH, RawHttp.OPENAI_AUTH,
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(installed.status()).isEqualTo(200);
    assertThat(sim.behaviour().faultPlan(OPENAI_CHAT_PATH).sequence()).containsExactly(Fault.status(503));
    assertThat(shown.json().at("/faults/~1v1~1chat~1completions/sequence/0/status").asInt()).isEqualTo(503);
    assertThat(call.status()).isEqualTo(503);
  }

  @Test
  void rejectsABadBehaviourNamingTheFieldAndKeepsTheOldOne() throws Exception {
    SimulatorBehaviour before = SimulatorBehaviour.normal()
        .withFaults(OPENAI_CHAT_PATH, new FaultPlan(List.of(), Fault.status(500), 0.5));
    sim.behaviour(before);

    RawHttp.Reply reply = RawHttp.post(sim, ADMIN_BEHAVIOUR_PATH, Map.of(),
        "{\"faults\":{\"/v1/messages\":{\"sequence\":[{\"type\":\"explode\"}]}}}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText())
        .startsWith("faults./v1/messages.sequence[0]: fault type must be one of [none, status, rate_limited");
    assertThat(sim.behaviour()).isEqualTo(before);
  }
}
