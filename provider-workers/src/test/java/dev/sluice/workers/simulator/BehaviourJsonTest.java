package dev.sluice.workers.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BehaviourJsonTest {

  @Test
  void parsesEveryPartOfABehaviour() {
    SimulatorBehaviour behaviour = BehaviourJson.parse("""
        {"latency": {"fixed_ms": 20, "jitter_ms": 5},
         "faults": {"/v1/chat/completions": {
             "sequence": [{"type": "status", "status": 529}, {"type": "rate_limited", "retry_after_seconds": 2},
                          {"type": "none"}, {"type": "truncated_body"}],
             "random": {"type": "hang"}, "probability": 0.25}}}
        """);

    assertThat(behaviour.latency()).isEqualTo(new Latency(20, 5));
    FaultPlan plan = behaviour.faultPlan("/v1/chat/completions");
    assertThat(plan.sequence()).containsExactly(
        Fault.status(529), Fault.rateLimited(2), Fault.none(), Fault.truncatedBody());
    assertThat(plan.randomFault()).isEqualTo(Fault.hang());
    assertThat(plan.probability()).isEqualTo(0.25);
  }

  @Test
  void aRandomFaultWithoutProbabilityAlwaysHappens() {
    SimulatorBehaviour behaviour = BehaviourJson.parse(
        "{\"faults\":{\"/v1/messages\":{\"random\":{\"type\":\"disconnect\"}}}}");

    assertThat(behaviour.faultPlan("/v1/messages")).isEqualTo(FaultPlan.always(Fault.disconnect()));
    assertThat(behaviour.latency()).isEqualTo(Latency.none());
  }

  @Test
  void writesWhatItReads() {
    SimulatorBehaviour behaviour = SimulatorBehaviour.normal()
        .withLatency(new Latency(3, 4))
        .withFaults("/v1/messages", FaultPlan.sequence(Fault.cutJson(), Fault.rateLimited(9))
            .thenRandom(Fault.status(503), 0.1));

    assertThat(BehaviourJson.parse(BehaviourJson.toJson(behaviour))).isEqualTo(behaviour);
  }

  @Test
  void namesTheFieldThatIsWrong() {
    assertThatThrownBy(() -> BehaviourJson.parse("{\"latency\":{\"fixed\":3}}"))
        .hasMessage("latency has unknown field 'fixed'; allowed: [fixed_ms, jitter_ms]");
    assertThatThrownBy(() -> BehaviourJson.parse("{\"faults\":{\"/p\":{\"probability\":2}}}"))
        .hasMessage("faults./p: probability must be in 0..1, but was 2.0");
    assertThatThrownBy(() -> BehaviourJson.parse(
        "{\"faults\":{\"/p\":{\"sequence\":[{\"type\":\"status\",\"status\":200}]}}}"))
        .hasMessage("faults./p.sequence[0]: status of a status fault must be in 400..599, but was 200");
    assertThatThrownBy(() -> BehaviourJson.parse("[1]"))
        .hasMessageStartingWith("behaviour must be a JSON object");
  }

  @Test
  void readsAndWritesPerKeyBehavioursAndTheRequestLimit() {
    SimulatorBehaviour behaviour = BehaviourJson.parse("""
        {"rate_limit": {"requests_per_minute": 60},
         "keys": {"sim-a": {"faults": {"/v1/messages": {"random": {"type": "rate_limited", "retry_after_seconds": 3}}},
                            "rate_limit": {"requests_per_minute": 2}}}}
        """);

    assertThat(behaviour.requestsPerMinute()).isEqualTo(60);
    assertThat(behaviour.forKey("sim-a").requestsPerMinute()).isEqualTo(2);
    assertThat(behaviour.forKey("sim-a").faultPlan("/v1/messages")).isEqualTo(FaultPlan.always(Fault.rateLimited(3)));
    assertThat(behaviour.forKey("sim-b")).isSameAs(behaviour);
    assertThat(BehaviourJson.parse(BehaviourJson.toJson(behaviour))).isEqualTo(behaviour);
  }

  @Test
  void namesAKeyByItsLabelNeverByItself() {
    assertThatThrownBy(() -> BehaviourJson.parse("{\"keys\":{\"sk-secret-1\":{\"latency\":{\"fixed\":1}}}}"))
        .hasMessage("keys." + KeyLabel.of("sk-secret-1") + ".latency has unknown field 'fixed'; allowed: [fixed_ms, jitter_ms]");
    assertThatThrownBy(() -> BehaviourJson.parse("{\"keys\":{\"sk-secret-1\":{\"keys\":{}}}}"))
        .hasMessageContaining("unknown field 'keys'").hasMessageNotContaining("sk-secret-1");
    assertThatThrownBy(() -> BehaviourJson.parse("{\"rate_limit\":{\"requests_per_minute\":-1}}"))
        .hasMessage("rate_limit.requests_per_minute must be an integer >= 0, but was -1");
    assertThat(SimulatorBehaviour.normal().withKey("sk-secret-1", SimulatorBehaviour.normal()).toString())
        .doesNotContain("sk-secret-1").contains(KeyLabel.of("sk-secret-1"));
  }
}
