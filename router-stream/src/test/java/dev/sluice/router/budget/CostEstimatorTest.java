package dev.sluice.router.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
  private static final List<ChatMessage> HELLO = List.of(Fixtures.message("user", "Hello, world!"));
  private static final RouteTarget GPT_4O = new RouteTarget("openai", "gpt-4o", List.of());

  @Test
  void eachModelFamilyGetsItsTokenizer() {
    assertThat(ModelTokenizer.encodingFor("gpt-4o-mini")).isEqualTo(EncodingType.O200K_BASE);
    assertThat(ModelTokenizer.encodingFor("o3-mini")).isEqualTo(EncodingType.O200K_BASE);
    assertThat(ModelTokenizer.encodingFor("GPT-4.1")).isEqualTo(EncodingType.O200K_BASE);
    assertThat(ModelTokenizer.encodingFor("gpt-4-turbo")).isEqualTo(EncodingType.CL100K_BASE);
    assertThat(ModelTokenizer.encodingFor("gpt-3.5-turbo")).isEqualTo(EncodingType.CL100K_BASE);
    assertThat(ModelTokenizer.encodingFor("claude-sonnet-4")).isEqualTo(EncodingType.CL100K_BASE);
  }

  @Test
  void aPromptCountsItsTextPlusTheChatFraming() {
    // "Hello, world!" is 4 tokens and "user" 1 in both encodings; 3 per message and 3 for the reply.
    assertThat(ModelTokenizer.promptTokens("gpt-4o", HELLO)).isEqualTo(11);
    assertThat(ModelTokenizer.promptTokens("claude-sonnet-4", HELLO)).isEqualTo(11);
  }

  @Test
  void textTheEncodingsSplitDifferentlyIsCountedWithTheModelsOwn() {
    String russian = "Привет! Как дела у команды платформы сегодня?";
    int o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE).countTokensOrdinary(russian);
    int cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(russian);
    List<ChatMessage> messages = List.of(Fixtures.message("user", russian));

    assertThat(o200k).isLessThan(cl100k);
    assertThat(ModelTokenizer.promptTokens("gpt-4o", messages)).isEqualTo(o200k + 7);
    assertThat(ModelTokenizer.promptTokens("gpt-4", messages)).isEqualTo(cl100k + 7);
  }

  @Test
  void theEstimateIsInputAtItsPricePlusMaxTokensOfOutput() {
    CostEstimator.Estimate estimate = new CostEstimator(Fixtures.config()).estimate(GPT_4O, HELLO, 100, "smart");

    // 11 x $2.50 + 100 x $10.00 per million tokens = 1,027.5 micro-dollars, rounded half up.
    assertThat(estimate).isEqualTo(new CostEstimator.Estimate(11, 100, 1_028));
  }

  @Test
  void withoutMaxTokensTheRoutesDefaultElseTheOutputLimitIsAssumed() {
    GatewayConfig withDefault = GatewayConfigLoader.parse(
        Fixtures.YAML.replace("  smart:\n    targets:", "  smart:\n    default_max_tokens: 200\n    targets:"), "d.yaml");

    assertThat(new CostEstimator(withDefault).estimate(GPT_4O, HELLO, null, "smart").outputTokens()).isEqualTo(200);
    assertThat(new CostEstimator(Fixtures.config()).estimate(GPT_4O, HELLO, null, "smart").outputTokens())
        .isEqualTo(Fixtures.config().limits().maxOutputTokens());
    assertThat(new CostEstimator(withDefault).estimate(GPT_4O, HELLO, null, null).outputTokens())
        .as("provider/model requests have no route").isEqualTo(Fixtures.config().limits().maxOutputTokens());
  }

  @Test
  void approximateTokenizersGetAMarginSoThatTheEstimateStaysAnUpperBound() {
    RouteTarget claude = new RouteTarget("anthropic", "claude-sonnet-4", List.of());
    List<CostEstimator.Estimate> estimates =
        new CostEstimator(Fixtures.config()).estimateAll(List.of(GPT_4O, claude), HELLO, 100, "smart");

    assertThat(ModelTokenizer.isExact("gpt-4o")).isTrue();
    assertThat(ModelTokenizer.isExact("claude-sonnet-4")).isFalse();
    // 11 cl100k tokens + 25 % = 13.75, rounded up to 14; at $3 and $15 per million: 42 + 1,500.
    assertThat(estimates).containsExactly(new CostEstimator.Estimate(11, 100, 1_028),
        new CostEstimator.Estimate(14, 100, 1_542));
  }

  @Test
  void anUnknownTargetIsNamed() {
    assertThatThrownBy(() -> new CostEstimator(Fixtures.config()).estimate(new RouteTarget("openai", "gpt-9", List.of()), HELLO, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model 'gpt-9' of provider 'openai' is not configured");
  }
}
