package dev.sluice.workers.provider;

import dev.sluice.schemas.config.ProviderConfig;
import dev.sluice.workers.provider.anthropic.AnthropicBatchApi;
import dev.sluice.workers.provider.anthropic.AnthropicMessagesAdapter;
import dev.sluice.workers.provider.batch.BatchApi;
import dev.sluice.workers.provider.openai.OpenAiBatchApi;
import dev.sluice.workers.provider.openai.OpenAiChatAdapter;
import dev.sluice.workers.provider.openai.TokenLimitField;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Chooses the adapter for a provider type; all adapters share one {@link OkHttpClient}. */
public final class ProviderAdapterFactory {

  public static final String OPENAI = "openai";
  public static final String OPENAI_COMPATIBLE = "openai-compatible";
  public static final String ANTHROPIC = "anthropic";
  /** The types gateway.yaml accepts, which this factory serves. */
  public static final List<String> SUPPORTED_TYPES = ProviderConfig.TYPES;

  /** A batch file may be hundreds of megabytes: its upload or download may take this many chat timeouts. */
  static final int BATCH_TIMEOUT_FACTOR = 10;

  private final OkHttpClient sharedClient;
  private final Clock clock;

  /** @param clock the adapters read {@code Retry-After} dates and rate-limit resets against it */
  public ProviderAdapterFactory(OkHttpClient sharedClient, Clock clock) {
    this.sharedClient = Objects.requireNonNull(sharedClient, "sharedClient");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ProviderAdapterFactory(OkHttpClient sharedClient) {
    this(sharedClient, Clock.systemUTC());
  }

  /** A factory over {@link HttpClients#shared()} and the system clock. */
  public ProviderAdapterFactory() {
    this(HttpClients.shared());
  }

  /**
   * The adapter for {@code endpoint.type()} (case-insensitive).
   *
   * @throws IllegalArgumentException when the type is not one of {@link #SUPPORTED_TYPES}
   */
  public ProviderAdapter create(ProviderEndpoint endpoint) {
    OkHttpClient client = HttpClients.forEndpoint(sharedClient, endpoint.timeout());
    return switch (endpoint.type().trim().toLowerCase(Locale.ROOT)) {
      // OpenAI's newer models reject max_tokens; most compatible servers only know max_tokens.
      case OPENAI -> new OpenAiChatAdapter(client, endpoint, TokenLimitField.MAX_COMPLETION_TOKENS, clock);
      case OPENAI_COMPATIBLE -> new OpenAiChatAdapter(client, endpoint, TokenLimitField.MAX_TOKENS, clock);
      case ANTHROPIC -> new AnthropicMessagesAdapter(client, endpoint, clock);
      default -> throw new IllegalArgumentException("provider type must be one of "
          + SUPPORTED_TYPES + ", but was '" + endpoint.type() + "'");
    };
  }

  /**
   * The batch API of {@code endpoint.type()}: OpenAI's Batch API or Anthropic's Message Batches;
   * empty for other types. Batch calls upload and download whole files, so they are bounded by a
   * longer timeout than one chat call.
   */
  public Optional<BatchApi> createBatchApi(ProviderEndpoint endpoint) {
    OkHttpClient client = HttpClients.forEndpoint(sharedClient, endpoint.timeout().multipliedBy(BATCH_TIMEOUT_FACTOR));
    return switch (endpoint.type().trim().toLowerCase(Locale.ROOT)) {
      case OPENAI -> Optional.of(new OpenAiBatchApi(client, endpoint, TokenLimitField.MAX_COMPLETION_TOKENS, clock));
      case ANTHROPIC -> Optional.of(new AnthropicBatchApi(client, endpoint, clock));
      default -> Optional.empty();
    };
  }
}
