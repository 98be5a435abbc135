package dev.sluice.router.stage;

import static dev.sluice.router.fixtures.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptDigestTest {

  @Test
  void hashesTheCanonicalJsonOfTheMessages() {
    ChatMessage named = ChatMessage.newBuilder().setRole("tool").setContent("42").setName("calc").build();

    PromptDigest digest = PromptDigest.of(List.of(message("user", "say \"hi\"\n"), named));

    assertThat(digest.sha256()).isEqualTo(Sha256.hex(
        "[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\\n\"},{\"role\":\"tool\",\"content\":\"42\",\"name\":\"calc\"}]"));
  }

  @Test
  void countsCodePointsNotUtf16Units() {
    assertThat(PromptDigest.of(List.of(message("user", "\uD83D\uDE00ab"))).chars()).isEqualTo(3);
  }

  @Test
  void roleBoundaryMattersToTheHash() {
    PromptDigest one = PromptDigest.of(List.of(message("user", "ab")));
    PromptDigest two = PromptDigest.of(List.of(message("user", "a"), message("user", "b")));

    assertThat(one.sha256()).isNotEqualTo(two.sha256());
    assertThat(one.chars()).isEqualTo(two.chars()).isEqualTo(2);
  }
}
