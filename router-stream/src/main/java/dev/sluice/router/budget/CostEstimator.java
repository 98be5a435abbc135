package dev.sluice.router.budget;

import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.RouteConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a request will cost at most on one target, before it is sent: its prompt tokens counted
 * with {@link ModelTokenizer}, plus {@code max_tokens} (else the route's
 * {@code default_max_tokens}, else {@code limits.max_output_tokens}) of output, at the target's
 * prices. An upper bound for the output; for the input exact with OpenAI's models and, for the
 * others, the cl100k count plus {@value #APPROXIMATION_MARGIN_PERCENT}%, so that a budget is not
 * overspent by a tokenizer that counts more than cl100k.
 */
public final class CostEstimator {
  static final int APPROXIMATION_MARGIN_PERCENT = 25;

  private final GatewayConfig config;

  public CostEstimator(GatewayConfig config) {
    this.config = config;
  }

  /**
   * @param route the route alias the request named, or null for {@code provider/model}
   * @param maxTokens the request's {@code max_tokens}, or null
   * @throws IllegalArgumentException for a target that is not configured
   */
  public Estimate estimate(RouteTarget target, List<ChatMessage> messages, Integer maxTokens, String route) {
    return estimateAll(List.of(target), messages, maxTokens, route).get(0);
  }

  /** The estimate of each target, in order; the prompt is tokenized once per encoding. */
  public List<Estimate> estimateAll(List<RouteTarget> targets, List<ChatMessage> messages, Integer maxTokens,
      String route) {
    Map<EncodingType, Integer> counted = new EnumMap<>(EncodingType.class);
    int output = maxTokens != null ? maxTokens : defaultOutputTokens(route);
    List<Estimate> estimates = new ArrayList<>(targets.size());
    for (RouteTarget target : targets) {
      int tokens = counted.computeIfAbsent(ModelTokenizer.encodingFor(target.getModel()),
          type -> ModelTokenizer.promptTokens(type, messages));
      int input = ModelTokenizer.isExact(target.getModel())
          ? tokens
          : (int) Math.min(Integer.MAX_VALUE, (tokens * (100L + APPROXIMATION_MARGIN_PERCENT) + 99) / 100);
      long micros = config.model(target.getProvider(), target.getModel())
          .orElseThrow(() -> new IllegalArgumentException("model '" + target.getModel() + "' of provider '"
              + target.getProvider() + "' is not configured"))
          .prices().costMicros(input, output);
      estimates.add(new Estimate(input, output, micros));
    }
    return estimates;
  }

  private int defaultOutputTokens(String route) {
    RouteConfig config = route == null ? null : this.config.routes().get(route);
    return config != null && config.defaultMaxTokens() != null ? config.defaultMaxTokens() : this.config.limits().maxOutputTokens();
  }

  /**
   * @param inputTokens counted prompt tokens, with the margin for approximate tokenizers
   * @param outputTokens the output tokens assumed
   * @param costMicros their cost at the target's prices, in micro-dollars
   */
  public record Estimate(int inputTokens, int outputTokens, long costMicros) {}
}
