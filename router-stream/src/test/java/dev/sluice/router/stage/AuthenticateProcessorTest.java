package dev.sluice.router.stage;

import static dev.sluice.router.fixtures.Fixtures.ALPHA_KEY;
import static dev.sluice.router.fixtures.Fixtures.BETA_KEY;
import static dev.sluice.router.fixtures.Fixtures.GAMMA_KEY;
import static dev.sluice.router.fixtures.Fixtures.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.avro.LlmRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticateProcessorTest {
  private final AuthenticateProcessor authenticate =
      new AuthenticateProcessor(AuthenticateProcessor.index(Fixtures.config().keys()));

  @Test
  void knownKeyBecomesTheCaller() {
    InFlight result = authenticate.authenticate(inbound(Fixtures.request("req-1").setModel("cheap")
        .setVirtualKey(BETA_KEY)));

    assertThat(result).isInstanceOf(Authenticated.class);
    assertThat(((Authenticated) result).caller()).isEqualTo(new Caller("key-beta", "acme", "payments"));
  }

  @Test
  void teamFromMetadataOnlyWhenTheKeyHasNone() {
    Map<String, String> metadata = Map.of("team", "search");

    Authenticated alpha = (Authenticated) authenticate.authenticate(
        inbound(Fixtures.request("req-1").setMetadata(metadata)));
    Authenticated beta = (Authenticated) authenticate.authenticate(
        inbound(Fixtures.request("req-2").setModel("cheap").setVirtualKey(BETA_KEY).setMetadata(metadata)));

    assertThat(alpha.caller().getTeam()).isEqualTo("search");
    assertThat(beta.caller().getTeam()).isEqualTo("payments");
  }

  @Test
  void wildcardKeyMayCallAnyRouteOrProviderModel() {
    assertThat(authenticate.authenticate(inbound(Fixtures.request("req-1").setModel("openai/gpt-4o"))))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void keyLimitedToARouteMayNotCallTheSameModelAsProviderModel() {
    InFlight result = authenticate.authenticate(inbound(Fixtures.request("req-1").setVirtualKey(BETA_KEY)
        .setModel("openai/gpt-4o-mini")));

    Rejection rejection = (Rejection) result;
    assertThat(rejection.code()).isEqualTo(ErrorCode.MODEL_NOT_ALLOWED);
    assertThat(rejection.param()).isEqualTo("model");
    assertThat(rejection.caller().getKeyId()).isEqualTo("key-beta");
  }

  @Test
  void blankKeyCountsAsMissing() {
    Rejection rejection = (Rejection) authenticate.authenticate(inbound(Fixtures.request("req-1").setVirtualKey(" ")));

    assertThat(rejection.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(rejection.message()).isEqualTo(AuthenticateProcessor.NO_KEY);
  }

  @Test
  void unknownKeyIsNeitherEchoedNorHashedIntoTheMessage() {
    String key = "sk-sluice-unknown-1234567890";
    Rejection rejection = (Rejection) authenticate.authenticate(inbound(Fixtures.request("req-1").setVirtualKey(key)));

    assertThat(rejection.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(rejection.message()).isEqualTo("the virtual key is not valid")
        .doesNotContain(key).doesNotContain(Sha256.hex(key));
    assertThat(rejection.caller()).isNull();
  }

  @Test
  void indexFindsKeysByTheHashOfTheirSecret() {
    assertThat(AuthenticateProcessor.index(Fixtures.config().keys()))
        .containsOnlyKeys(Sha256.hex(ALPHA_KEY), Sha256.hex(BETA_KEY), Sha256.hex(GAMMA_KEY));
  }

  private static Inbound inbound(LlmRequest.Builder request) {
    return Inbound.of(request.build(), "llm.requests-0-5", SENT);
  }
}
