package dev.sluice.workers.provider;

import static dev.sluice.workers.provider.Calls.message;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCallTest {

  @Test
  void rejectsCallsNoProviderCouldAnswer() {
    List<dev.sluice.schemas.avro.ChatMessage> hello = List.of(message("user", "hello"));

    assertThatThrownBy(() -> ChatCall.of("gpt-4o", List.of())).hasMessage("messages must not be empty");
    assertThatThrownBy(() -> ChatCall.of(" ", hello)).hasMessage("model must not be blank");
    assertThatThrownBy(() -> new ChatCall("gpt-4o", hello, 0, null, null))
        .hasMessage("maxTokens must be > 0, but was 0");
    assertThatThrownBy(() -> new ChatCall("gpt-4o", hello, null, null, "[1,2]"))
        .hasMessage("parametersJson must be a JSON object, but was [1,2]");
    assertThatThrownBy(() -> new ChatCall("gpt-4o", hello, null, null, "{top_p"))
        .hasMessageStartingWith("parametersJson is not valid JSON");
  }
}
