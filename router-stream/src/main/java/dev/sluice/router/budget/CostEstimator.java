package dev.sluice.router.budget;

import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.RouteTarget;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.RouteConfig;
import java.util.List;

/**
 * What a request will cost at most on one target, before it is sent: its prompt tokens counted
 * with {@link ModelTokenizer}, plus {@code max_tokens} (else the route's
 * {@code default_max_tokens}, else {@code limits.max_output_tokens}) of output, at the target's
 * prices. An upper bound for the output, close for the input.
 */
public final class CostEstimator {
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
    int input = ModelTokenizer.promptTokens(target.getModel(), messages);
    int output = maxTokens != null ? maxTokens : defaultOutputTokens(route);
    long micros = config.model(target.getProvider(), target.getModel())
        .orElseThrow(() -> new IllegalArgumentException("model '" + target.getModel() + "' of provider '"
            + target.getProvider() + "' is not configured"))
        .prices().costMicros(input, output);
    return new Estimate(input, output, micros);
  }

  private int defaultOutputTokens(String route) {
    RouteConfig config = route == null ? null : this.config.routes().get(route);
    return config != null && config.defaultMaxTokens() != null ? config.defaultMaxTokens() : this.config.limits().maxOutputTokens();
  }

  /**
   * @param inputTokens counted prompt tokens
   * @param outputTokens the output tokens assumed
   * @param costMicros their cost at the target's prices, in micro-dollars
   */
  public record Estimate(int inputTokens, int outputTokens, long costMicros) {}
}
