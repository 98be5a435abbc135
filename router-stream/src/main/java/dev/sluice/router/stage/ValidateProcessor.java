package dev.sluice.router.stage;

import static dev.sluice.router.stage.CallerText.echo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 2: checks a request against the contract and the configured limits. A valid request
 * goes on to {@value Nodes#AUTHENTICATE}; the first failed check becomes a {@link Rejection}
 * for {@value Nodes#REJECT}, naming the field, the value and the limit.
 *
 * <p>The reply topic is checked first: every later rejection is replied to it, so it must be
 * known to take replies. If it cannot, that rejection goes to llm.replies instead.
 */
public final class ValidateProcessor extends ContextualProcessor<String, Inbound, String, InFlight> {
  static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool", "developer");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Limits limits;
  private final Set<String> routes;
  private final GatewayConfig config;
  private final ReplyTopics replyTopics;
  private final Clock clock;

  public ValidateProcessor(GatewayConfig config, ReplyTopics replyTopics, Clock clock) {
    this.config = config;
    this.limits = config.limits();
    this.routes = new TreeSet<>(config.routes().keySet());
    this.replyTopics = replyTopics;
    this.clock = clock;
  }

  @Override
  public void process(Record<String, Inbound> record) {
    Optional<Rejection> rejection = check(record.value(), clock.instant());
    if (rejection.isPresent()) {
      context().forward(record.withValue(rejection.get()), Nodes.REJECT);
    } else {
      context().forward(record, Nodes.AUTHENTICATE);
    }
  }

  /** The first check the request fails, or empty if it passes them all. */
  public Optional<Rejection> check(Inbound in, Instant now) {
    return replyTopic(in)
        .or(() -> requestId(in))
        .or(() -> model(in))
        .or(() -> messages(in))
        .or(() -> maxTokens(in))
        .or(() -> temperature(in))
        .or(() -> parametersJson(in))
        .or(() -> deadline(in, now));
  }

  private Optional<Rejection> replyTopic(Inbound in) {
    String topic = in.request().getReplyTopic();
    return Optional.ofNullable(topic)
        .flatMap(replyTopics::problem)
        .map(problem -> invalid(in, "reply_topic", problem + "; this error reply goes to " + TopicNames.REPLIES)
            .replyingTo(TopicNames.REPLIES));
  }

  private Optional<Rejection> requestId(Inbound in) {
    String id = in.request().getRequestId();
    if (id == null || id.isBlank()) {
      return Optional.of(invalid(in, "request_id", "request_id is required: a non-empty id, unique per request"));
    }
    return Optional.empty();
  }

  private Optional<Rejection> model(Inbound in) {
    String model = in.request().getModel();
    if (model == null || model.isBlank()) {
      return Optional.of(invalid(in, "model", "model is required: a route alias (known routes: " + routes
          + ") or provider/model"));
    }
    if (routes.contains(model) || config.isProviderModel(model)) {
      return Optional.empty();
    }
    return Optional.of(invalid(in, "model", "model '" + echo(model) + "' is neither a known route (known routes: "
        + routes + ") nor a configured provider/model"));
  }

  private Optional<Rejection> messages(Inbound in) {
    List<ChatMessage> messages = in.request().getMessages();
    if (messages.isEmpty()) {
      return Optional.of(invalid(in, "messages", "messages must contain at least one message"));
    }
    if (messages.size() > limits.maxMessages()) {
      return Optional.of(invalid(in, "messages", "messages has " + messages.size()
          + " entries, more than the limit of " + limits.maxMessages()));
    }
    for (int i = 0; i < messages.size(); i++) {
      String role = messages.get(i).getRole();
      if (!ROLES.contains(role)) {
        String param = "messages[" + i + "].role";
        return Optional.of(invalid(in, param, param + " must be one of " + new TreeSet<>(ROLES) + ", but was '"
            + echo(role) + "'"));
      }
    }
    if (in.prompt().chars() > limits.maxPromptChars()) {
      return Optional.of(invalid(in, "messages", "the prompt has " + in.prompt().chars()
          + " characters over all messages, more than the limit of " + limits.maxPromptChars()));
    }
    return Optional.empty();
  }

  private Optional<Rejection> maxTokens(Inbound in) {
    Integer maxTokens = in.request().getMaxTokens();
    if (maxTokens != null && (maxTokens < 1 || maxTokens > limits.maxOutputTokens())) {
      return Optional.of(invalid(in, "max_tokens", "max_tokens must be between 1 and " + limits.maxOutputTokens()
          + ", but was " + maxTokens));
    }
    return Optional.empty();
  }

  private Optional<Rejection> temperature(Inbound in) {
    Double temperature = in.request().getTemperature();
    // Written so that NaN fails too: every comparison with NaN is false.
    if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
      return Optional.of(invalid(in, "temperature", "temperature must be between 0 and 2, but was " + temperature));
    }
    return Optional.empty();
  }

  private Optional<Rejection> parametersJson(Inbound in) {
    String parameters = in.request().getParametersJson();
    if (parameters == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(parameters);
      if (node == null || !node.isObject()) {
        String kind = node == null ? "empty" : node.getNodeType().name().toLowerCase(Locale.ROOT);
        return Optional.of(invalid(in, "parameters_json", "parameters_json must be a JSON object such as "
            + "{\"top_p\":0.9}, but was " + kind));
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.of(invalid(in, "parameters_json", "parameters_json is not valid JSON: "
          + echo(e.getOriginalMessage())));
    }
  }

  private Optional<Rejection> deadline(Inbound in, Instant now) {
    Instant deadline = in.request().getDeadline();
    if (deadline != null && !deadline.isAfter(now)) {
      long late = Duration.between(deadline, now).toMillis();
      return Optional.of(Rejection.of(in, ErrorCode.DEADLINE_EXCEEDED, "deadline", "deadline " + deadline
          + " had passed " + late + " ms before the router read the request"));
    }
    return Optional.empty();
  }

  private static Rejection invalid(Inbound in, String param, String message) {
    return Rejection.of(in, ErrorCode.INVALID_REQUEST, param, message);
  }
}
