package dev.sluice.schemas.config;

import java.util.List;

/**
 * A route alias: its targets and how they are ordered for each request.
 *
 * @param strategy {@code ordered} (as listed, the default), {@code weighted} (the first target drawn
 *     by weight, the others as listed) or {@code latency} (lowest rolling median first)
 * @param targets the targets; every strategy moves targets whose circuits are all open to the end
 * @param fallbackOn final errors that still move to the next target: {@code context_length},
 *     {@code content_policy} (a later model may accept the request)
 * @param defaultMaxTokens the output tokens a cost estimate assumes for a request without
 *     {@code max_tokens}; null for the limit {@code limits.max_output_tokens}
 * @param cache this route's cache settings, each overriding the top-level {@code cache:}; null for none
 */
public record RouteConfig(String strategy, List<RouteTargetConfig> targets, List<String> fallbackOn,
    Integer defaultMaxTokens, CacheConfig cache) {
  public static final String ORDERED = "ordered";
  public static final String WEIGHTED = "weighted";
  public static final String LATENCY = "latency";
  public static final List<String> STRATEGIES = List.of(ORDERED, WEIGHTED, LATENCY);
  public static final String CONTEXT_LENGTH = "context_length";
  public static final String CONTENT_POLICY = "content_policy";
  public static final List<String> FALLBACK_ERRORS = List.of(CONTEXT_LENGTH, CONTENT_POLICY);

  public RouteConfig {
    strategy = strategy == null ? ORDERED : strategy;
    targets = targets == null ? List.of() : List.copyOf(targets);
    fallbackOn = fallbackOn == null ? List.of() : List.copyOf(fallbackOn);
  }
}
